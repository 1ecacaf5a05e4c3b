namespace TravelDesk.Supplier;

/// <summary>A currency of the catalogue: its base rate (units per US dollar) and how many decimals its amounts carry.</summary>
/// <param name="Code">ISO 4217 code.</param>
/// <param name="UnitsPerUsd">Units of this currency one US dollar buys, before the daily wobble of <c>/rates</c>.</param>
/// <param name="MinorUnits">Decimals of an amount: 2 for most, 0 for the yen and the won.</param>
internal sealed record CurrencyInfo(string Code, decimal UnitsPerUsd, int MinorUnits);
