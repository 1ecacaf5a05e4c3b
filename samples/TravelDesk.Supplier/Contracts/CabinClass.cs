namespace TravelDesk.Supplier.Contracts;

/// <summary>The cabin of a flight offer. Sent and received as camelCase text (<c>economy</c>, <c>premiumEconomy</c>, ...).</summary>
public enum CabinClass
{
    Economy,
    PremiumEconomy,
    Business,
    First,
}
