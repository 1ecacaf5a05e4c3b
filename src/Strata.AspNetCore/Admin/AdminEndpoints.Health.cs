using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Admin;

internal static partial class AdminEndpoints
{
    private static readonly TimeSpan ServerInfoTimeout = TimeSpan.FromSeconds(2);

    /// <summary><c>GET health</c>: cheap (no I/O), from the cache's own state. A cache whose L2 is down still
    /// serves from L1, so that is <c>degraded</c>, never <c>unhealthy</c>.</summary>
    private static IResult Health(IStrataCacheInspector inspector)
    {
        var stats = inspector.GetStatistics();
        return Results.Ok(new
        {
            status = Status(stats),
            l1 = "up",
            l2 = L2State(stats),
            breaker = stats.BreakerState.ToString().ToLowerInvariant(),
        });
    }

    /// <summary><c>GET health/detailed</c>: tiers, the server's own facts, hit ratio, keys per namespace and the
    /// host's Strata health checks.</summary>
    private static async Task<IResult> DetailedHealthAsync(
        IStrataCacheInspector inspector,
        IOptions<StrataCacheOptions> cacheOptions,
        IOptions<StrataAdminOptions> adminOptions,
        IServiceProvider services,
        CancellationToken cancellationToken)
    {
        var stats = inspector.GetStatistics();
        object? server = null;
        string? serverError = null;
        NamespaceKeyCounts? counts = null;
        if (inspector.DistributedTier is { } tier)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ServerInfoTimeout);
            try
            {
                server = await tier.GetServerInfoAsync(timeout.Token).ConfigureAwait(false);
                counts = await NamespaceKeyCounter.CountAsync(inspector, cacheOptions.Value.KeyPrefix, adminOptions.Value.ScanBudget, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The point of this endpoint is to say what is wrong, so a failing L2 is reported, not thrown.
                serverError = error.Message;
            }
        }

        counts ??= new NamespaceKeyCounts(inspector.CountL1ByNamespace(), null, Complete: true);
        object? checks = null;
        if (services.GetService(typeof(HealthCheckService)) is HealthCheckService health)
        {
            var report = await health.CheckHealthAsync(
                static registration => registration.Name.StartsWith("strata", StringComparison.OrdinalIgnoreCase),
                cancellationToken).ConfigureAwait(false);
            checks = report.Entries.ToDictionary(
                static e => e.Key,
                static e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description, data = e.Value.Data });
        }

        var reads = stats.L1Hits + stats.L2Hits + stats.Misses;
        return Results.Ok(new
        {
            status = serverError is null ? Status(stats) : "degraded",
            hitRatio = reads == 0 ? (double?)null : (double)(stats.L1Hits + stats.L2Hits) / reads,
            l1 = new
            {
                entries = stats.L1Entries,
                bytes = stats.L1Bytes,
                maxBytes = stats.L1MaximumBytes,
                fill = stats.L1MaximumBytes == 0 ? 0 : (double)stats.L1Bytes / stats.L1MaximumBytes,
            },
            l2 = stats.DistributedTier is null ? null : new
            {
                name = stats.DistributedTier,
                state = serverError is null ? L2State(stats) : "down",
                breaker = stats.BreakerState.ToString().ToLowerInvariant(),
                errors = stats.L2Errors,
                server,
                error = serverError,
            },
            keysPerNamespace = new { l1 = counts.L1, l2 = counts.L2, l2Complete = counts.Complete },
            checks,
        });
    }

    private static string Status(StrataCacheStatistics stats) =>
        stats.DistributedTier is not null && (stats.BreakerState != BreakerState.Closed || stats.DistributedFailing) ? "degraded" : "healthy";

    private static string L2State(StrataCacheStatistics stats) => stats.DistributedTier is null
        ? "none"
        : stats.BreakerState != BreakerState.Closed ? "down" : stats.DistributedFailing ? "failing" : "up";
}
