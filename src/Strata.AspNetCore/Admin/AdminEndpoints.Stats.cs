using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Strata.AspNetCore.Metrics;

namespace Strata.AspNetCore.Admin;

internal static partial class AdminEndpoints
{
    /// <summary><c>GET stats</c>: counters since start, L1 fill, and the TTL distribution of sampled L1 entries.</summary>
    private static IResult Stats(IStrataCacheInspector inspector, IOptions<StrataAdminOptions> options, TimeProvider time, StrataMetricsCollector metrics)
    {
        var stats = inspector.GetStatistics();
        var now = time.GetUtcNow();
        var sample = inspector.SampleL1(null, null, options.Value.TtlSampleSize);
        var hits = stats.L1Hits + stats.L2Hits;
        var reads = hits + stats.Misses;
        return Results.Ok(new
        {
            reads,
            hits = new { l1 = stats.L1Hits, l2 = stats.L2Hits, total = hits },
            misses = stats.Misses,
            staleServed = stats.StaleHits,
            hitRatio = reads == 0 ? (double?)null : (double)hits / reads,
            factory = new
            {
                runs = stats.FactoryRuns,
                errors = stats.FactoryErrors,
                // Per namespace, seconds, estimated from histogram buckets since start (see HistogramQuantile).
                durations = metrics.GetHistogramQuantilesBy("strata.cache.factory.duration", "namespace"),
            },
            perNamespace = PerNamespace(metrics),
            l1 = new { entries = stats.L1Entries, bytes = stats.L1Bytes, maxBytes = stats.L1MaximumBytes, evictions = stats.Evictions },
            l2 = new { tier = stats.DistributedTier, errors = stats.L2Errors, breaker = stats.BreakerState.ToString().ToLowerInvariant() },
            singleFlight = new { waiting = stats.Waiters, leasesAcquired = stats.LeasesAcquired },
            coherenceFlushes = stats.CoherenceFlushes,
            ttl = new
            {
                sampled = sample.Count,
                of = stats.L1Entries,
                buckets = TtlDistribution.Compute(sample.Select(e => e.FreshUntil - now)),
            },
        });
    }

    /// <summary>Hits, misses and stale reads per namespace, from the request counter's <c>namespace</c> tag.</summary>
    private static SortedDictionary<string, object> PerNamespace(StrataMetricsCollector metrics)
    {
        var result = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var hits = metrics.GetCounterTotalsBy("strata.cache.requests", "namespace", ("result", "hit"));
        var stale = metrics.GetCounterTotalsBy("strata.cache.requests", "namespace", ("result", "stale"));
        // A read that misses L1 and then L2 is counted once per tier; count the miss where the read ended.
        var l1Misses = metrics.GetCounterTotalsBy("strata.cache.requests", "namespace", ("tier", "l1"), ("result", "miss"));
        var l2Misses = metrics.GetCounterTotalsBy("strata.cache.requests", "namespace", ("tier", "l2"), ("result", "miss"));
        foreach (var ns in hits.Keys.Union(stale.Keys).Union(l1Misses.Keys).Union(l2Misses.Keys))
        {
            result[ns] = new
            {
                hits = (long)hits.GetValueOrDefault(ns),
                stale = (long)stale.GetValueOrDefault(ns),
                l1Misses = (long)l1Misses.GetValueOrDefault(ns),
                l2Misses = (long)l2Misses.GetValueOrDefault(ns),
            };
        }

        return result;
    }
}
