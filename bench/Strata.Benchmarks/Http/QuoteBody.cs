namespace Strata.Benchmarks.Http;

/// <summary>The benchmark endpoint's response: a fare quote of about 2 KB of JSON.</summary>
internal sealed record QuoteBody(string Origin, string Destination, string Currency, DateTimeOffset ValidUntil, IReadOnlyList<QuoteFare> Fares)
{
    /// <summary>The one quote the endpoint serves (serialized again on every upstream call, as an upstream would).</summary>
    public static QuoteBody Sample { get; } = Create();

    private static QuoteBody Create()
    {
        var day = new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
        var fares = new QuoteFare[14];
        for (var i = 0; i < fares.Length; i++)
        {
            var departs = day.AddMinutes(55 * i);
            fares[i] = new QuoteFare(
                i % 3 == 0 ? "LH" : i % 3 == 1 ? "AF" : "KL",
                $"X{1000 + (i * 37)}",
                departs,
                departs.AddMinutes(95 + (i % 4 * 10)),
                i % 5 == 0 ? "business" : "economy",
                89.90m + (i * 13.25m),
                3 + (i * 7 % 40));
        }

        return new QuoteBody("FRA", "CDG", "EUR", day.AddHours(1), fares);
    }
}
