using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Strata.AspNetCore.Admin;
using Strata.AspNetCore.Metrics;
using Strata.RateLimiting;

namespace Strata.AspNetCore.Dashboard;

/// <summary>
/// <c>GET {dashboard}/data?since={unix-ms}</c>: everything the page draws, in one document. Polled every second by
/// every open dashboard, so it only reads memory: the history ring, the engine's counters, an L1 count and sample,
/// the limiters' usage. Keys per namespace are L1's (exact); L2's would need a SCAN, which the admin API's
/// <c>keys</c> does on demand, never on a timer.
/// </summary>
internal static class DashboardData
{
    /// <summary>Invalidations listed (the engine's journal keeps more).</summary>
    public const int InvalidationsShown = 20;

    /// <summary>Partitions listed per rate-limit policy.</summary>
    public const int TopPartitions = 5;

    public static IResult Get(
        HttpRequest request,
        IStrataCacheInspector inspector,
        MetricsHistory history,
        StrataMetricsCollector metrics,
        IOptions<StrataAdminOptions> options,
        TimeProvider time)
    {
        if (!TryReadSince(request, out var since, out var problem))
        {
            return problem!;
        }

        // Live numbers behind a credential: no copy kept by the browser or anything in between.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var now = time.GetUtcNow();
        var stats = inspector.GetStatistics();
        var hits = stats.L1Hits + stats.L2Hits;
        var reads = hits + stats.Misses;
        var snapshot = history.GetHistory(since is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
        var sample = inspector.SampleL1(null, null, options.Value.TtlSampleSize);
        var responseCache = metrics.GetCounterTotalsBy(MetricsHistory.ResponseCacheRequests, "result");
        var meterFactory = request.HttpContext.RequestServices.GetService<IMeterFactory>();

        return TypedResults.Ok(new
        {
            now = now.ToUnixTimeMilliseconds(),
            history = new
            {
                intervalSeconds = snapshot.IntervalSeconds,
                capacity = snapshot.Capacity,
                // Whole milliseconds on the wire: a point is new when its millisecond is after 'since'.
                points = snapshot.Points
                    .Where(p => since is null || p.Timestamp.ToUnixTimeMilliseconds() > since.Value)
                    .Select(static p => new
                    {
                        t = p.Timestamp.ToUnixTimeMilliseconds(),
                        intervalSeconds = p.IntervalSeconds,
                        reads = p.Reads,
                        hitRatios = p.HitRatios,
                        responseCache = p.ResponseCache,
                        factoryLatency = p.FactoryLatency,
                        l2Latency = p.L2Latency,
                        l1Bytes = p.L1Bytes,
                        l1Entries = p.L1Entries,
                        breaker = p.BreakerState is { } state ? BreakerName((BreakerState)state) : null,
                        rateLimit = p.RateLimit,
                    }),
            },
            stats = new
            {
                reads,
                hits = new { l1 = stats.L1Hits, l2 = stats.L2Hits, total = hits },
                misses = stats.Misses,
                staleServed = stats.StaleHits,
                hitRatio = reads == 0 ? (double?)null : (double)hits / reads,
                factory = new { runs = stats.FactoryRuns, errors = stats.FactoryErrors },
                l1 = new { entries = stats.L1Entries, bytes = stats.L1Bytes, maxBytes = stats.L1MaximumBytes, evictions = stats.Evictions },
                l2 = new { tier = stats.DistributedTier, errors = stats.L2Errors, failing = stats.DistributedFailing },
                singleFlight = new { waiting = stats.Waiters, leasesAcquired = stats.LeasesAcquired },
                coherenceFlushes = stats.CoherenceFlushes,
            },
            // Without L2 there is no breaker; "none" rather than a reassuring "closed".
            breaker = stats.DistributedTier is null ? "none" : BreakerName(stats.BreakerState),
            namespaces = inspector.CountL1ByNamespace()
                .OrderByDescending(static n => n.Value)
                .ThenBy(static n => n.Key, StringComparer.Ordinal)
                .Select(static n => new { name = n.Key, l1Keys = n.Value }),
            ttl = new
            {
                sampled = sample.Count,
                of = stats.L1Entries,
                buckets = TtlDistribution.Compute(sample.Select(e => e.FreshUntil - now)),
            },
            rateLimits = RateLimitUsageJson.From(StrataRateLimitDiagnostics.GetUsage(meterFactory, TopPartitions)),
            invalidations = inspector.RecentInvalidations(InvalidationsShown).Select(static i => new
            {
                at = i.At.ToUnixTimeMilliseconds(),
                scope = ScopeName(i.Scope),
                name = i.Name,
                @namespace = i.Namespace,
                remote = i.Remote,
            }),
            responseCache = new
            {
                hit = (long)responseCache.GetValueOrDefault("hit"),
                miss = (long)responseCache.GetValueOrDefault("miss"),
                stale = (long)responseCache.GetValueOrDefault("stale"),
                bypass = (long)responseCache.GetValueOrDefault("bypass"),
            },
        });
    }

    private static string BreakerName(BreakerState state) => state switch
    {
        BreakerState.Closed => "closed",
        BreakerState.HalfOpen => "half-open",
        BreakerState.Open => "open",
        _ => "unknown",
    };

    private static string ScopeName(StrataInvalidationScope scope) => scope switch
    {
        StrataInvalidationScope.Key => "key",
        StrataInvalidationScope.Tag => "tag",
        StrataInvalidationScope.Namespace => "namespace",
        StrataInvalidationScope.All => "all",
        _ => "unknown",
    };

    /// <summary>Reads the optional <c>since</c> (Unix milliseconds); a bad one is a 400 naming it.</summary>
    private static bool TryReadSince(HttpRequest request, out long? since, out IResult? problem)
    {
        since = null;
        problem = null;
        var text = request.Query["since"].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            problem = AdminProblems.BadRequest("since", $"'since' must be a time in Unix milliseconds, as the 't' of a history point (was '{text}').");
            return false;
        }

        since = value;
        return true;
    }
}
