namespace Strata.Benchmarks.Http;

/// <summary>One fare of a <see cref="QuoteBody"/>.</summary>
internal sealed record QuoteFare(string Carrier, string Flight, DateTimeOffset Departs, DateTimeOffset Arrives, string Cabin, decimal Price, int SeatsLeft);
