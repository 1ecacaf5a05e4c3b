namespace TravelDesk.Supplier;

/// <summary>
/// The currencies of the catalogue's cities with round base rates against the US dollar. Fixed, not live: the
/// simulation needs stable numbers, and <c>/rates</c> adds a small deterministic daily wobble on top.
/// </summary>
internal static class CurrencyData
{
    public static readonly CurrencyInfo[] All =
    [
        new("AED", 3.6725m, 2),
        new("ARS", 900m, 2),
        new("AUD", 1.52m, 2),
        new("BRL", 5.0m, 2),
        new("CAD", 1.36m, 2),
        new("CHF", 0.88m, 2),
        new("EUR", 0.92m, 2),
        new("GBP", 0.79m, 2),
        new("HKD", 7.8m, 2),
        new("INR", 83m, 2),
        new("JPY", 150m, 0),
        new("KRW", 1350m, 0),
        new("MXN", 17.5m, 2),
        new("QAR", 3.64m, 2),
        new("SGD", 1.34m, 2),
        new("THB", 36m, 2),
        new("TRY", 32m, 2),
        new("USD", 1m, 2),
        new("ZAR", 18.5m, 2),
    ];
}
