using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Strata.AspNetCore.Tests.Warmup;
using Strata.Tiers;
using Strata.Testing;

namespace Strata.AspNetCore.Tests.Health;

/// <summary>
/// Readiness over a chaos L2 on a manual clock: the ping says whether L2 answers; the engine's breaker (read from the
/// engine's own check) says whether the cache uses it yet. Liveness never touches L2.
/// </summary>
public sealed class StrataReadinessBreakerTests : IAsyncLifetime
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(10) };
    private readonly ManualTimeProvider _clock = new();
    private IHost _host = null!;
    private ChaosDistributedTier _chaos = null!;
    private StrataCache _cache = null!;

    public async Task InitializeAsync()
    {
        _host = await WarmupApp.StartAsync(
            _clock,
            [],
            s => s.AddSingleton(p => new ChaosDistributedTier(new InMemoryDistributedTier(_clock), _clock)),
            strata: static b => b.WithDistributedTier<ChaosDistributedTier>().AddHealthCheck());
        _chaos = _host.Services.GetRequiredService<ChaosDistributedTier>();
        _cache = _host.Services.GetRequiredService<StrataCache>();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Readiness_L2DownThenBackWithBreakerOpen_DegradedUntilTheBreakerCloses()
    {
        (await _host.ReadinessAsync()).Status.ShouldBe(HealthStatus.Healthy);
        _chaos.GoDown();
        for (var i = 0; i < 5; i++)
        {
            // Served from the factory while L2 fails; five failures open the breaker.
            (await _cache.GetOrCreateAsync($"k{i}", static _ => ValueTask.FromResult("computed"), Options)).ShouldBe("computed");
        }

        var down = await _host.ReadinessAsync();
        down.Status.ShouldBe(HealthStatus.Degraded);
        down.Description.ShouldStartWith("L2 (memory) unreachable: ");
        down.Data["breaker"].ShouldBe("Open");

        _chaos.ComeUp();
        var recovering = await _host.ReadinessAsync();
        recovering.Status.ShouldBe(HealthStatus.Degraded);
        recovering.Description.ShouldBe("L2 (memory) answers again but the engine's breaker is Open; it closes on the next L2 call after the break.");

        _clock.Advance(TimeSpan.FromSeconds(10));
        await _cache.GetOrCreateAsync("probe", static _ => ValueTask.FromResult("computed"), Options);
        var back = await _host.ReadinessAsync();
        back.Status.ShouldBe(HealthStatus.Healthy);
        back.Data["breaker"].ShouldBe("Closed");
    }

    [Fact]
    public async Task Liveness_L2Down_HealthyWithoutCallingL2()
    {
        _chaos.GoDown();
        var calls = _chaos.Calls;

        var report = await _host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(static c => c.Tags.Contains("live"));

        report.Entries["strata-live"].Status.ShouldBe(HealthStatus.Healthy);
        _chaos.Calls.ShouldBe(calls);
    }
}
