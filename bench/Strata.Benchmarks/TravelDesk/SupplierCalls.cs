namespace Strata.Benchmarks.TravelDesk;

/// <summary>The supplier's <c>/stats</c> at one moment: calls received per operation, and how many it refused (429).</summary>
internal sealed record SupplierCalls(IReadOnlyDictionary<string, long> PerOperation, long RateLimited)
{
    public long Total => PerOperation.Values.Sum();

    public long Searches => PerOperation.Where(static p => p.Key is "flights" or "hotels" or "activities").Sum(static p => p.Value);

    /// <summary>What happened between <paramref name="before"/> and this snapshot.</summary>
    public SupplierCalls Since(SupplierCalls before) => new(
        PerOperation.ToDictionary(static p => p.Key, p => p.Value - before.PerOperation.GetValueOrDefault(p.Key), StringComparer.Ordinal),
        RateLimited - before.RateLimited);
}
