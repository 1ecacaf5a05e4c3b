using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Simulation;
using static System.FormattableString;

namespace TravelDesk.Supplier.Rates;

/// <summary>
/// Exchange rates from the catalogue's base rates against the US dollar, each currency wobbling by up to ±1 % a day
/// (seeded by currency and date, so the rate of a day never changes and rates stay consistent with each other:
/// A→B × B→A is 1 within rounding). Quoted as of midnight UTC of the supplier's current day.
/// </summary>
internal static class ExchangeRates
{
    public static ExchangeRate Get(string from, string to, int seed, TimeProvider time)
    {
        var asOf = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var day = DateOnly.FromDateTime(asOf.UtcDateTime);
        var source = SupplierCatalog.GetCurrency(from);
        var target = SupplierCatalog.GetCurrency(to);
        var rate = source.Code == target.Code
            ? 1m
            : Math.Round(UnitsPerUsd(target, seed, day) / UnitsPerUsd(source, seed, day), 8, MidpointRounding.AwayFromZero);
        return new ExchangeRate(source.Code, target.Code, rate, asOf);
    }

    private static decimal UnitsPerUsd(CurrencyInfo currency, int seed, DateOnly day) =>
        currency.Code == "USD"
            ? 1m
            : currency.UnitsPerUsd * (decimal)(0.99 + (0.02 * StableHash.Unit(Invariant($"rate|{seed}|{currency.Code}|{day:yyyy-MM-dd}"))));
}
