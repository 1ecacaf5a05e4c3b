namespace Strata.Benchmarks.Tier;

/// <summary>
/// The cached value: a small DTO of the kind a fare search caches, about 200 bytes of JSON. Deliberately not marked
/// <c>[ImmutableObject(true)]</c>: most applications' types are not, so L1 keeps it as bytes and every read
/// deserializes a copy (HybridCache's rule) — the cost a real caller pays.
/// </summary>
internal sealed record FareQuote(
    string Id,
    string Origin,
    string Destination,
    DateOnly Departure,
    string Carrier,
    int Stops,
    decimal Price,
    string Currency,
    string FareClass,
    int SeatsLeft,
    DateTimeOffset QuotedAt)
{
    public static FareQuote For(int index) => new(
        $"LAX-JFK-{index:D7}",
        "LAX",
        "JFK",
        new DateOnly(2026, 3, 1).AddDays(index % 90),
        "UA",
        index % 3,
        329.40m + (index % 100),
        "USD",
        "Y",
        1 + (index % 9),
        new DateTimeOffset(2026, 2, 1, 12, 0, 0, TimeSpan.Zero));
}
