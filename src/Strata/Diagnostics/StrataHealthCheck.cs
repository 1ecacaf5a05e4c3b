using Microsoft.Extensions.Diagnostics.HealthChecks;
using Strata.Engine;

namespace Strata.Diagnostics;

/// <summary>
/// Reports L2 reachability, the breaker state and the hit ratio since the previous check (falling back to the ratio
/// since start while too few reads happened in between). Never Unhealthy: a cache that lost L2 still serves.
/// </summary>
internal sealed class StrataHealthCheck(CacheEngine engine) : IHealthCheck
{
    private readonly Lock _gate = new();
    private (long Hits, long Reads) _previous;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var metrics = engine.Metrics;
        var hits = metrics.L1Hits + metrics.L2Hits;
        var reads = hits + metrics.Misses;
        (long Hits, long Reads) window;
        lock (_gate)
        {
            window = (hits - _previous.Hits, reads - _previous.Reads);
            _previous = (hits, reads);
        }

        var minimum = engine.Options.HealthMinimumReads;
        var (ratioHits, ratioReads) = window.Reads >= minimum ? window : (hits, reads);
        double? ratio = ratioReads > 0 ? (double)ratioHits / ratioReads : null;
        var data = new Dictionary<string, object>
        {
            ["l2"] = engine.DistributedTierName ?? "none",
            ["breaker"] = engine.BreakerState.ToString(),
            ["hit_ratio"] = ratio ?? double.NaN,
            ["reads"] = ratioReads,
            ["l1_bytes"] = engine.L1Weight,
            ["l1_entries"] = engine.L1Count,
            ["factory_errors"] = metrics.FactoryErrors,
            ["l2_errors"] = metrics.L2Errors,
        };

        var problems = new List<string>();
        if (engine.HasDistributedTier && engine.BreakerState != BreakerState.Closed)
        {
            problems.Add($"L2 ({engine.DistributedTierName}) unreachable: breaker {engine.BreakerState}");
        }
        else if (engine.DistributedFailing)
        {
            problems.Add($"L2 ({engine.DistributedTierName}) is failing");
        }

        if (ratio is { } r && ratioReads >= minimum && r < engine.Options.HealthyHitRatio)
        {
            problems.Add($"hit ratio {r:P1} below {engine.Options.HealthyHitRatio:P0} over {ratioReads} reads");
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy(ratio is { } h ? $"hit ratio {h:P1}" : "no reads yet", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data));
    }
}
