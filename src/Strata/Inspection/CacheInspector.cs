using Strata.Engine;

namespace Strata.Inspection;

/// <summary>The engine's <see cref="IStrataCacheInspector"/>: reads its counters, snapshots L1, and passes the L2
/// tier's own inspector through.</summary>
internal sealed class CacheInspector(CacheEngine engine, IDistributedTier? tier) : IStrataCacheInspector
{
    public IDistributedTierInspector? DistributedTier { get; } = tier as IDistributedTierInspector;

    public StrataCacheStatistics GetStatistics()
    {
        var metrics = engine.Metrics;
        return new StrataCacheStatistics
        {
            L1Hits = metrics.L1Hits,
            L2Hits = metrics.L2Hits,
            StaleHits = metrics.StaleHits,
            Misses = metrics.Misses,
            FactoryRuns = metrics.FactoryRuns,
            FactoryErrors = metrics.FactoryErrors,
            L2Errors = metrics.L2Errors,
            Evictions = metrics.Evictions,
            Waiters = metrics.Waiters,
            L1Bytes = engine.L1Weight,
            L1MaximumBytes = engine.Options.L1MaximumBytes,
            L1Entries = engine.L1Count,
            DistributedTier = engine.DistributedTierName,
            BreakerState = engine.BreakerState,
            DistributedFailing = engine.DistributedFailing,
            LeasesAcquired = metrics.LeasesAcquired,
            CoherenceFlushes = metrics.CoherenceFlushes,
        };
    }

    public IReadOnlyDictionary<string, int> CountL1ByNamespace() => engine.CountByNamespace();

    public IReadOnlyList<StrataCacheEntryInfo> SampleL1(string? namespaceName, string? match, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var glob = string.IsNullOrEmpty(match) ? null : new Glob(match);
        var result = new List<StrataCacheEntryInfo>(Math.Min(limit, 256));
        foreach (var (key, entry) in engine.L1.Snapshot())
        {
            if ((namespaceName is not null && !string.Equals(key.Namespace.Name, namespaceName, StringComparison.Ordinal))
                || (glob is not null && !glob.IsMatch(key.Key)))
            {
                continue;
            }

            result.Add(new StrataCacheEntryInfo(
                key.Namespace.Name,
                key.Key,
                entry.Weight,
                new DateTimeOffset(entry.CreatedAtTicks, TimeSpan.Zero),
                new DateTimeOffset(entry.FreshUntilTicks, TimeSpan.Zero),
                new DateTimeOffset(entry.StaleUntilTicks, TimeSpan.Zero),
                entry.Tags));
            if (result.Count == limit)
            {
                break;
            }
        }

        return result;
    }

    public IReadOnlyList<StrataInvalidation> RecentInvalidations(int max) => engine.Invalidations.Recent(max);

    public string GetDistributedKeyPrefix(string namespaceName) => engine.GetNamespace(namespaceName).FullKeyPrefix;
}
