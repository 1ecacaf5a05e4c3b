using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Strata.AspNetCore.Warmup;

namespace Strata.AspNetCore.Health;

/// <summary>
/// Readiness: Unhealthy until the start-up warm-up has ended; then Healthy, or Degraded (serving) with every reason:
/// a warmer whose last run failed or timed out, an L2 that does not answer a ping, an engine breaker not closed.
/// </summary>
/// <remarks>
/// L2 is pinged directly (<see cref="IDistributedTier.PingAsync"/>) rather than inferred from the engine's breaker,
/// which only moves with traffic: an idle node would otherwise report a dead Redis healthy, or a recovered one
/// degraded. The breaker state still appears, read through <see cref="IStrataCacheInspector"/>.
/// </remarks>
internal sealed class StrataReadinessCheck(
    StrataWarmupService? warmup,
    IDistributedTier? tier,
    TimeSpan probeTimeout,
    TimeProvider time,
    IStrataCacheInspector inspector,
    ILogger logger) : IHealthCheck
{
    public static StrataReadinessCheck Create(IServiceProvider provider, StrataHealthOptions options)
    {
        var cacheOptions = provider.GetRequiredService<IOptions<StrataCacheOptions>>().Value;
        return new StrataReadinessCheck(
            provider.GetService<StrataWarmupService>(),
            provider.GetService<IDistributedTier>(),
            options.L2ProbeTimeout ?? cacheOptions.DistributedTimeout,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<IStrataCacheInspector>(),
            (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Strata.AspNetCore.Health"));
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var degraded = new List<string>();
        if (warmup is not null)
        {
            var status = warmup.Status;
            data["warmup"] = status.StartupCompleted ? "complete" : "running";
            foreach (var warmer in status.Warmers)
            {
                data[$"warmer:{warmer.Name}"] = warmer.State.ToString();
            }

            if (!status.StartupCompleted)
            {
                var pending = status.Warmers.Where(static w => w.LastOutcome == StrataWarmupState.NotStarted).Select(static w => w.Name);
                return new HealthCheckResult(
                    HealthStatus.Unhealthy, $"Start-up warm-up in progress ({string.Join(", ", pending)}).", data: data);
            }

            foreach (var warmer in status.Warmers)
            {
                if (warmer.LastOutcome == StrataWarmupState.Failed)
                {
                    degraded.Add($"warmer '{warmer.Name}' failed: {warmer.LastError?.TrimEnd('.')}");
                }
                else if (warmer.LastOutcome == StrataWarmupState.TimedOut)
                {
                    degraded.Add($"warmer '{warmer.Name}' timed out: {warmer.LastError?.TrimEnd('.')}");
                }
            }
        }

        if (tier is not null)
        {
            data["l2"] = tier.Name;
            var problem = await PingAsync(tier, cancellationToken).ConfigureAwait(false);
            data["l2_reachable"] = problem is null;
            if (problem is not null)
            {
                HealthLog.L2Unreachable(logger, tier.Name, problem);
                degraded.Add($"L2 ({tier.Name}) unreachable: {problem.TrimEnd('.')}; serving from L1 and the sources");
            }

            var breaker = inspector.GetStatistics().BreakerState;
            data["breaker"] = breaker.ToString();
            if (problem is null && breaker != BreakerState.Closed)
            {
                degraded.Add($"L2 ({tier.Name}) answers again but the engine's breaker is {breaker}; it closes on the next L2 call after the break");
            }
        }
        else
        {
            data["l2"] = "none";
        }

        return degraded.Count == 0
            ? HealthCheckResult.Healthy(tier is null ? "Ready (L1 only)." : $"Ready; L2 ({tier.Name}) reachable.", data)
            : HealthCheckResult.Degraded(string.Join("; ", degraded) + ".", data: data);
    }

    private async Task<string?> PingAsync(IDistributedTier l2, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(probeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            // WaitAsync: a tier that ignores its token still cannot hold the probe past the timeout.
            await l2.PingAsync(linked.Token).AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {probeTimeout.TotalMilliseconds:0} ms";
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            return error.Message;
        }
    }
}
