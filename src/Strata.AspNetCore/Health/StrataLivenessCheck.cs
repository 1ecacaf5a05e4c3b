using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Strata.AspNetCore.Health;

/// <summary>
/// Liveness: the engine answers an L1-only write and read (no L2 involved, so a Redis outage never makes an
/// orchestrator restart a process that still serves from L1). A deadlocked or wedged engine times out and is reported
/// Unhealthy by the registration's timeout.
/// </summary>
internal sealed class StrataLivenessCheck(StrataCache cache) : IHealthCheck
{
    /// <summary>The namespace of the probe entry, apart from application data.</summary>
    public const string ProbeNamespace = "strata-health";

    private static readonly StrataEntryOptions LocalOnly = new()
    {
        Duration = TimeSpan.FromMinutes(1),
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    private static long s_nonce;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = cache.Namespace(ProbeNamespace);
        var nonce = Interlocked.Increment(ref s_nonce);
        await probe.SetAsync("live", nonce, LocalOnly, cancellationToken: cancellationToken).ConfigureAwait(false);
        var read = await probe.GetOrCreateEntryAsync(
            "live", nonce, static (n, _) => ValueTask.FromResult(n), LocalOnly, cancellationToken: cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy(
            "The cache engine answered an L1 write and read.",
            new Dictionary<string, object> { ["l1_read"] = read.Status.ToString() });
    }
}
