using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Strata.AspNetCore.Tests.Warmup;
using Strata.Redis;
using Strata.Resp;
using Strata.Testing;

namespace Strata.AspNetCore.Tests.Health;

/// <summary>
/// Readiness and liveness against a real redis-server (its own, since the test kills it): killed, readiness is
/// Degraded while the cache still serves and liveness stays Healthy; restarted, readiness is Healthy again.
/// </summary>
public sealed class StrataHealthRedisTests : IAsyncLifetime
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(10) };
    private RedisServer _redis = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _host = await WarmupApp.StartAsync(
            TimeProvider.System,
            [],
            static _ => { },
            strata: b => b
                .WithRedis(o => o.Client = new RespClientOptions
                {
                    Host = _redis.Host,
                    Port = _redis.Port,
                    CommandTimeout = TimeSpan.FromSeconds(1),
                    // Reconnect attempts at most 200 ms apart, so the restarted server is found quickly.
                    ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
                })
                .AddHealthCheck(),
            health: static o => o.L2ProbeTimeout = TimeSpan.FromSeconds(1));
        await _host.Services.GetRequiredService<RedisDistributedTier>().WhenCoherentAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Readiness_RedisUp_Healthy()
    {
        var readiness = await _host.ReadinessAsync();

        readiness.Status.ShouldBe(HealthStatus.Healthy);
        readiness.Description.ShouldBe("Ready; L2 (redis) reachable.");
        readiness.Data["l2_reachable"].ShouldBe(true);
        readiness.Data["breaker"].ShouldBe("Closed");
    }

    [Fact]
    public async Task KillThenRestart_Redis_ReadinessDegradedWhileServingAndLivenessHealthyThenHealthyAgain()
    {
        var cache = _host.Services.GetRequiredService<StrataCache>();

        await _redis.KillAsync();

        var readiness = await _host.ReadinessAsync();
        readiness.Status.ShouldBe(HealthStatus.Degraded);
        readiness.Description.ShouldStartWith("L2 (redis) unreachable: ");
        readiness.Description.ShouldEndWith("; serving from L1 and the sources.");
        readiness.Data["l2_reachable"].ShouldBe(false);
        (await _host.GetAsync("/health/ready")).ShouldBe("200 Degraded");
        (await _host.GetAsync("/health/live")).ShouldBe("200 Healthy");
        (await cache.GetOrCreateAsync("during-outage", static _ => ValueTask.FromResult("computed"), Options)).ShouldBe("computed");

        await _redis.RestartAsync();

        // Each check waits (up to the 1 s probe timeout) for the client's reconnect; bounded by count, not by sleeps.
        for (var attempt = 0; attempt < 30 && readiness.Status != HealthStatus.Healthy; attempt++)
        {
            readiness = await _host.ReadinessAsync();
        }

        readiness.Status.ShouldBe(HealthStatus.Healthy, readiness.Description);
        (await _host.GetAsync("/health/ready")).ShouldBe("200 Healthy");
        (await _host.GetAsync("/health/live")).ShouldBe("200 Healthy");
    }
}
