namespace Strata.Tests.Keys;

public enum CabinClass
{
    Economy,
    PremiumEconomy,
    Business,
    First,
}
