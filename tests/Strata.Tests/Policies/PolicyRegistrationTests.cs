using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Strata.Policies;
using Strata.Testing;
using Strata.Tiers;

namespace Strata.Tests.Policies;

/// <summary>AddStrata: HybridCache resolves to Strata; policies from configuration and code; validation at startup.</summary>
public sealed class PolicyRegistrationTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void AddStrata_HybridCacheResolvesToStrataCache()
    {
        using var provider = new ServiceCollection().AddStrata().Services.BuildServiceProvider();
        var hybrid = provider.GetRequiredService<HybridCache>();
        hybrid.ShouldBeAssignableTo<StrataCache>();
        hybrid.ShouldBeSameAs(provider.GetRequiredService<StrataCache>());
    }

    [Fact]
    public void Policies_FromConfigurationSection_AreBoundWithTheirName()
    {
        var configuration = Configuration(
            ("Strata:Policies:FLIGHT_SEARCH:Duration", "00:10:00"),
            ("Strata:Policies:FLIGHT_SEARCH:FailSafeMaxStale", "01:00:00"),
            ("Strata:Policies:FLIGHT_SEARCH:EarlyRefreshBeta", "1"),
            ("Strata:Policies:AIRPORT:Duration", "1.00:00:00"));
        using var provider = new ServiceCollection().AddSingleton(configuration).AddStrata().Services.BuildServiceProvider();
        var cache = provider.GetRequiredService<StrataCache>();

        var flight = cache.GetPolicy("flight_search");
        flight.Duration.ShouldBe(TimeSpan.FromMinutes(10));
        flight.FailSafeMaxStale.ShouldBe(TimeSpan.FromHours(1));
        flight.EarlyRefreshBeta.ShouldBe(1);
        flight.PolicyName.ShouldBe("FLIGHT_SEARCH");
        cache.PolicyNames.ShouldBe(["AIRPORT", "FLIGHT_SEARCH"]);
    }

    [Fact]
    public void GetPolicy_UnknownName_ThrowsListingTheKnownOnes()
    {
        using var provider = new ServiceCollection()
            .AddStrata()
            .WithPolicy("HOTEL_SEARCH", new StrataEntryOptions { Duration = TimeSpan.FromMinutes(30) })
            .WithPolicy("CITY", new StrataEntryOptions { Duration = TimeSpan.FromDays(7) })
            .Services.BuildServiceProvider();
        var error = Should.Throw<KeyNotFoundException>(() => provider.GetRequiredService<StrataCache>().GetPolicy("HOTELS"));
        error.Message.ShouldBe("Unknown cache policy 'HOTELS'. Known policies: CITY, HOTEL_SEARCH.");
    }

    [Fact]
    public void Policies_MisspelledSettingInConfiguration_FailsValidationNamingThePolicy()
    {
        var configuration = Configuration(("Strata:Policies:FLIGHT_SEARCH:Durration", "00:10:00"));
        using var provider = new ServiceCollection().AddSingleton(configuration).AddStrata().Services.BuildServiceProvider();
        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StrataPolicyOptions>>().Value);
        error.Message.ShouldContain("FLIGHT_SEARCH");
        error.Message.ShouldContain("Durration");
    }

    [Fact]
    public void Policies_NegativeDuration_FailsValidationNamingPolicyAndSetting()
    {
        var configuration = Configuration(("Strata:Policies:STOCK_PRICE:Duration", "-00:05:00"));
        using var provider = new ServiceCollection().AddSingleton(configuration).AddStrata().Services.BuildServiceProvider();
        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StrataPolicyOptions>>().Value);
        error.Message.ShouldContain("STOCK_PRICE");
        error.Message.ShouldContain("Duration");
    }

    [Fact]
    public void Adjuster_ForUnknownPolicy_FailsValidationListingTheKnownOnes()
    {
        using var provider = new ServiceCollection()
            .AddStrata()
            .WithPolicy("USER_STATS", new StrataEntryOptions { Duration = TimeSpan.FromMinutes(5) })
            .WithDurationAdjuster("USER_STAT", new FixedAdjuster(TimeSpan.FromMinutes(1)))
            .Services.BuildServiceProvider();
        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StrataPolicyOptions>>().Value);
        error.Message.ShouldContain("'USER_STAT'");
        error.Message.ShouldContain("USER_STATS");
    }

    [Fact]
    public void CacheOptions_Invalid_FailsValidation()
    {
        using var provider = new ServiceCollection().AddStrata(o => o.L1MaximumBytes = 0).Services.BuildServiceProvider();
        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StrataCacheOptions>>().Value)
            .Message.ShouldContain("L1MaximumBytes");
    }

    [Fact]
    public async Task Adjuster_SeesParametersAndResult_AndSetsTheDuration()
    {
        var clock = new ManualTimeProvider();
        var adjuster = new RecordingAdjuster();
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddStrata()
            .WithPolicy("FLIGHT_SEARCH", new StrataEntryOptions { Duration = TimeSpan.FromMinutes(10) })
            .WithDurationAdjuster("FLIGHT_SEARCH", adjuster)
            .Services.BuildServiceProvider();
        var cache = provider.GetRequiredService<StrataCache>().Namespace("flights");
        var policy = cache.GetPolicy("FLIGHT_SEARCH");

        var result = await cache.GetOrCreateEntryAsync("LAX-JFK", "params", static (p, _) => ValueTask.FromResult(new[] { 1, 2, 3 }), policy);

        (result.FreshUntil - result.CreatedAt).ShouldBe(TimeSpan.FromMinutes(2));
        adjuster.Seen.ShouldNotBeNull();
        adjuster.Seen.Value.Policy.ShouldBe("FLIGHT_SEARCH");
        adjuster.Seen.Value.Namespace.ShouldBe("flights");
        adjuster.Seen.Value.Key.ShouldBe("LAX-JFK");
        adjuster.Seen.Value.Parameters.ShouldBe("params");
        adjuster.Seen.Value.Result.ShouldBe(new[] { 1, 2, 3 });
    }

    [Fact]
    public async Task HealthCheck_BreakerOpen_ReportsDegradedWithData()
    {
        var clock = new ManualTimeProvider();
        var chaos = new ChaosDistributedTier(new InMemoryDistributedTier(clock), clock);
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddStrata(o => o.BreakerFailureThreshold = 1)
            .WithDistributedTier(_ => chaos)
            .AddHealthCheck()
            .Services.BuildServiceProvider();
        var cache = provider.GetRequiredService<StrataCache>();
        var health = provider.GetRequiredService<HealthCheckService>();

        (await health.CheckHealthAsync()).Status.ShouldBe(HealthStatus.Healthy);
        chaos.GoDown();
        await cache.GetOrCreateAsync("k", 0, static (_, _) => ValueTask.FromResult(1));

        var report = await health.CheckHealthAsync();
        report.Status.ShouldBe(HealthStatus.Degraded);
        report.Entries["strata"].Description!.ShouldContain("breaker Open");
        report.Entries["strata"].Data["breaker"].ShouldBe("Open");
    }

    [Fact]
    public async Task HealthCheck_LowHitRatio_ReportsDegraded()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddStrata(o => o.HealthMinimumReads = 10)
            .AddHealthCheck()
            .Services.BuildServiceProvider();
        var cache = provider.GetRequiredService<StrataCache>();
        for (var i = 0; i < 20; i++)
        {
            await cache.GetOrCreateAsync($"k{i}", i, static (v, _) => ValueTask.FromResult(v));
        }

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        report.Status.ShouldBe(HealthStatus.Degraded);
        report.Entries["strata"].Description!.ShouldContain("hit ratio");
    }

    [Fact]
    public async Task HealthCheck_SecondRun_MeasuresTheHitRatioSinceTheFirst()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddStrata(o => o.HealthMinimumReads = 10)
            .AddHealthCheck()
            .Services.BuildServiceProvider();
        var cache = provider.GetRequiredService<StrataCache>();
        var health = provider.GetRequiredService<HealthCheckService>();
        for (var i = 0; i < 20; i++)
        {
            await cache.GetOrCreateAsync($"k{i}", i, static (v, _) => ValueTask.FromResult(v));
        }

        (await health.CheckHealthAsync()).Status.ShouldBe(HealthStatus.Degraded);
        for (var i = 0; i < 20; i++)
        {
            await cache.GetOrCreateAsync($"k{i}", i, static (v, _) => ValueTask.FromResult(v));
        }

        // Only a check that remembers its previous run sees 20 hits of 20 reads; since start it would be 20 of 40.
        var report = await health.CheckHealthAsync();
        report.Status.ShouldBe(HealthStatus.Healthy);
        report.Entries["strata"].Data["reads"].ShouldBe(20L);
    }

    private sealed class FixedAdjuster(TimeSpan duration) : ICacheDurationAdjuster
    {
        public TimeSpan Adjust(in CacheDurationContext context, TimeSpan current) => duration;
    }

    private sealed class RecordingAdjuster : ICacheDurationAdjuster
    {
        public CacheDurationContext? Seen { get; private set; }

        public TimeSpan Adjust(in CacheDurationContext context, TimeSpan duration)
        {
            Seen = context;
            return duration / 5;
        }
    }
}
