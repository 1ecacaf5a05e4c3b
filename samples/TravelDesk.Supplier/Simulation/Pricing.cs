using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Simulation;

/// <summary>
/// Turns simulated US-dollar amounts into <see cref="Money"/>: flights are priced in US dollars (as fares usually are),
/// hotels and activities in the city's currency at the catalogue's base rate, rounded to the currency's decimals.
/// </summary>
internal static class Pricing
{
    public static Money Usd(double amount) => Local(amount, "USD");

    public static Money Local(double usdAmount, string currency)
    {
        var info = SupplierCatalog.GetCurrency(currency);
        return new Money(Round((decimal)usdAmount * info.UnitsPerUsd, info.MinorUnits), info.Code);
    }

    public static decimal Round(decimal amount, string currency) => Round(amount, SupplierCatalog.GetCurrency(currency).MinorUnits);

    private static decimal Round(decimal amount, int decimals) => Math.Round(amount, decimals, MidpointRounding.AwayFromZero);
}
