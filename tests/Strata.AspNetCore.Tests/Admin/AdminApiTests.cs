using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Strata.RateLimiting;
using Strata.Testing;

namespace Strata.AspNetCore.Tests.Admin;

/// <summary>Each admin endpoint's effect and JSON shape, on L1 only and with a real Redis as L2.</summary>
public sealed class AdminApiTests
{
    private static readonly StrataEntryOptions TenMinutes = new() { Duration = TimeSpan.FromMinutes(10) };

    [Fact]
    public async Task Stats_AfterKnownTraffic_CountsExactlyAndSplitsByNamespace()
    {
        await using var host = await AdminHost.StartAsync();
        var flights = host.Cache.Namespace("flights");
        for (var i = 0; i < 3; i++)
        {
            await flights.GetOrCreateEntryAsync("LAX-JFK", 0, static (_, _) => ValueTask.FromResult("fares"), TenMinutes);
        }

        await host.Cache.Namespace("hotels").SetAsync("h1", "room", TenMinutes);

        var stats = await host.GetJsonAsync("/cache/stats");

        stats.GetProperty("hits").GetProperty("l1").GetInt64().ShouldBe(2);
        stats.GetProperty("misses").GetInt64().ShouldBe(1);
        stats.GetProperty("hitRatio").GetDouble().ShouldBe(2.0 / 3, 1e-9);
        stats.GetProperty("factory").GetProperty("runs").GetInt64().ShouldBe(1);
        var durations = stats.GetProperty("factory").GetProperty("durations");
        durations.GetProperty("flights").GetProperty("count").GetInt64().ShouldBe(1);
        stats.GetProperty("perNamespace").GetProperty("flights").GetProperty("hits").GetInt64().ShouldBe(2);
        stats.GetProperty("l1").GetProperty("entries").GetInt32().ShouldBe(2);
        var ttl = stats.GetProperty("ttl");
        ttl.GetProperty("sampled").GetInt32().ShouldBe(2);
        var buckets = ttl.GetProperty("buckets").EnumerateArray().ToDictionary(b => b.GetProperty("bucket").GetString()!, b => b.GetProperty("count").GetInt64());
        buckets["≤15m"].ShouldBe(2, "both entries have 10 minutes left");
        buckets.Values.Sum().ShouldBe(2);
    }

    [Fact]
    public async Task Clear_AllNamespaceTagAndKey_RemoveExactlyWhatTheyName()
    {
        await using var host = await AdminHost.StartAsync();
        var flights = host.Cache.Namespace("flights");
        var hotels = host.Cache.Namespace("hotels");
        await flights.SetAsync("f1", "1", TenMinutes, tags: ["trip:1"]);
        await flights.SetAsync("f2", "2", TenMinutes, tags: ["trip:2"]);
        await hotels.SetAsync("h1", "3", TenMinutes);
        await hotels.SetAsync("h2", "4", TenMinutes);
        await host.Cache.SetAsync("d1", "5", TenMinutes);

        (await host.SendAsync(HttpMethod.Post, "/cache/clear/tag/trip:1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await flights.TryGetAsync<string>("f1")).ShouldBeNull();
        (await flights.TryGetAsync<string>("f2")).ShouldNotBeNull();

        (await host.SendAsync(HttpMethod.Delete, "/cache/keys/h1?namespace=hotels")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hotels.TryGetAsync<string>("h1")).ShouldBeNull();
        (await hotels.TryGetAsync<string>("h2")).ShouldNotBeNull();

        (await host.SendAsync(HttpMethod.Post, "/cache/clear/flights")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await flights.TryGetAsync<string>("f2")).ShouldBeNull();
        (await hotels.TryGetAsync<string>("h2")).ShouldNotBeNull();
        (await host.Cache.TryGetAsync<string>("d1")).ShouldNotBeNull();

        (await host.SendAsync(HttpMethod.Post, "/cache/clear")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hotels.TryGetAsync<string>("h2")).ShouldBeNull();
        (await host.Cache.TryGetAsync<string>("d1")).ShouldBeNull();

        var journal = host.App.Services.GetRequiredService<IStrataCacheInspector>().RecentInvalidations(10);
        journal.Select(j => j.Scope).ShouldBe([StrataInvalidationScope.All, StrataInvalidationScope.Namespace, StrataInvalidationScope.Key, StrataInvalidationScope.Tag]);
    }

    [Theory]
    [InlineData("POST", "/cache/clear/bad%20name", "namespace")]
    [InlineData("POST", "/cache/clear/tag/*", "tag")]
    [InlineData("GET", "/cache/keys?limit=abc", "limit")]
    [InlineData("GET", "/cache/keys?limit=0", "limit")]
    [InlineData("GET", "/cache/keys?namespace=bad%20name", "namespace")]
    [InlineData("GET", "/cache/ratelimits?top=65", "top")]
    public async Task BadInput_Is400ProblemNamingTheParameter(string method, string path, string parameter)
    {
        await using var host = await AdminHost.StartAsync();
        await host.Cache.SetAsync("keep", "v", TenMinutes);

        using var response = await host.SendAsync(new HttpMethod(method), path);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("parameter").GetString().ShouldBe(parameter);
        problem.GetProperty("title").GetString()!.ShouldContain(parameter);
        (await host.Cache.TryGetAsync<string>("keep")).ShouldNotBeNull("bad input changes nothing");
    }

    [Fact]
    public async Task Keys_L1WithNamespaceMatchAndLimit_ListsOnlyThoseWithoutValues()
    {
        await using var host = await AdminHost.StartAsync();
        var flights = host.Cache.Namespace("flights");
        await flights.SetAsync("LAX-JFK", "secret-fare", TenMinutes, tags: ["route:LAX"]);
        await flights.SetAsync("LAX-SFO", "secret-fare", TenMinutes);
        await flights.SetAsync("SFO-JFK", "secret-fare", TenMinutes);

        using var response = await host.SendAsync(HttpMethod.Get, "/cache/keys?namespace=flights&match=LAX-*&limit=5");
        var text = await response.Content.ReadAsStringAsync();
        var keys = JsonDocument.Parse(text).RootElement;

        keys.GetProperty("l1").EnumerateArray().Select(k => k.GetProperty("key").GetString()).Order(StringComparer.Ordinal).ShouldBe(["LAX-JFK", "LAX-SFO"]);
        keys.GetProperty("l1").EnumerateArray().First(k => k.GetProperty("key").GetString() == "LAX-JFK").GetProperty("freshForSeconds").GetDouble().ShouldBeInRange(590, 600);
        keys.GetProperty("l2").ValueKind.ShouldBe(JsonValueKind.Null);
        text.ShouldNotContain("secret-fare");

        var limited = await host.GetJsonAsync("/cache/keys?limit=1");
        limited.GetProperty("l1").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task SelfTest_L1Only_PassesEveryStepAndLeavesNothingBehind()
    {
        await using var host = await AdminHost.StartAsync();

        var result = await host.GetJsonAsync("/cache/test");

        result.GetProperty("ok").GetBoolean().ShouldBeTrue();
        result.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()).ShouldBe(["set", "get", "exists", "delete", "gone"]);
        host.App.Services.GetRequiredService<IStrataCacheInspector>().CountL1ByNamespace().Keys.ShouldNotContain("strata-selftest");
    }

    [Fact]
    public async Task RateLimits_LimiterOnTheAppsMeterFactory_ShowsDecisionsAndTopPartitions()
    {
        await using var host = await AdminHost.StartAsync();
        using var limiter = StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions
        {
            PolicyName = "supplier-search",
            PermitLimit = 2,
            Window = TimeSpan.FromMinutes(1),
            MeterFactory = host.App.Services.GetRequiredService<IMeterFactory>(),
        });
        for (var i = 0; i < 3; i++)
        {
            limiter.AttemptAcquire("amadeus").Dispose();
        }

        var usage = await host.GetJsonAsync("/cache/ratelimits?top=5");

        var policy = usage.GetProperty("policies").EnumerateArray().Single(p => p.GetProperty("policy").GetString() == "supplier-search");
        policy.GetProperty("acquired").GetInt64().ShouldBe(2);
        policy.GetProperty("rejected").GetInt64().ShouldBe(1);
        var top = policy.GetProperty("topPartitions").EnumerateArray().Single();
        top.GetProperty("partition").GetString().ShouldBe("amadeus");
        top.GetProperty("decisions").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task Warm_RunsTheWarmersNowAndReportsEach_UnknownWarmerIs404()
    {
        await using var host = await AdminHost.StartAsync(services: b =>
        {
            b.Services.AddStrataWarmup(o => o.RunAtStartup = false);
            b.Services.AddStrataWarmer<RoutesWarmer>();
        });

        var report = await host.SendAsync(HttpMethod.Post, "/cache/warm");
        var body = JsonDocument.Parse(await report.Content.ReadAsStringAsync()).RootElement;

        report.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("succeeded").GetBoolean().ShouldBeTrue();
        var warmer = body.GetProperty("warmers").EnumerateArray().Single();
        warmer.GetProperty("name").GetString().ShouldBe("routes");
        warmer.GetProperty("itemsWarmed").GetInt64().ShouldBe(2);
        (await host.Cache.Namespace("routes").TryGetAsync<string>("LAX-JFK")).ShouldNotBeNull();

        using var unknown = await host.SendAsync(HttpMethod.Post, "/cache/warm?warmer=nope");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("routes", Case.Sensitive, "the problem lists the known warmers");
    }

    [Fact]
    public async Task Warm_WithoutWarmup_Is404ProblemSayingHowToRegister()
    {
        await using var host = await AdminHost.StartAsync();
        using var response = await host.SendAsync(HttpMethod.Post, "/cache/warm");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("AddStrataWarmer");
    }

    [Fact]
    public async Task Health_L1Only_IsHealthyWithNoL2()
    {
        await using var host = await AdminHost.StartAsync();
        var health = await host.GetJsonAsync("/cache/health");
        health.GetProperty("status").GetString().ShouldBe("healthy");
        health.GetProperty("l2").GetString().ShouldBe("none");
    }

    [Fact]
    public async Task WithRedis_DetailedHealthKeysAndSelfTest_ReportTheServer_ThenDegradeWhenItDies()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var flights = host.Cache.Namespace("flights");
        await flights.SetAsync("LAX-JFK", "1", TenMinutes);
        await flights.SetAsync("LAX-SFO", "2", TenMinutes);
        await host.Cache.Namespace("hotels").SetAsync("h1", "3", TenMinutes);

        var detailed = await host.GetJsonAsync("/cache/health/detailed");
        detailed.GetProperty("status").GetString().ShouldBe("healthy");
        var l2 = detailed.GetProperty("l2");
        l2.GetProperty("state").GetString().ShouldBe("up");
        l2.GetProperty("server").GetProperty("redis_version").GetString()!.ShouldStartWith("7.");
        l2.GetProperty("server").TryGetProperty("connected_clients", out _).ShouldBeTrue();
        var perNamespace = detailed.GetProperty("keysPerNamespace");
        perNamespace.GetProperty("l2").GetProperty("flights").GetInt32().ShouldBe(2);
        perNamespace.GetProperty("l2").GetProperty("hotels").GetInt32().ShouldBe(1);
        perNamespace.GetProperty("l2Complete").GetBoolean().ShouldBeTrue();
        perNamespace.GetProperty("l1").GetProperty("flights").GetInt32().ShouldBe(2);

        var keys = await host.GetJsonAsync("/cache/keys?namespace=flights&match=LAX-J*");
        var l2Keys = keys.GetProperty("l2").GetProperty("keys").EnumerateArray().ToArray();
        l2Keys.Length.ShouldBe(1);
        l2Keys[0].GetProperty("key").GetString()!.ShouldEndWith(":flights:LAX-JFK");
        l2Keys[0].GetProperty("ttlSeconds").GetDouble().ShouldBeGreaterThan(0);

        var test = await host.GetJsonAsync("/cache/test");
        test.GetProperty("ok").GetBoolean().ShouldBeTrue();

        await redis.KillAsync();
        var down = await host.GetJsonAsync("/cache/health/detailed");
        down.GetProperty("status").GetString().ShouldBe("degraded");
        down.GetProperty("l2").GetProperty("state").GetString().ShouldBe("down");
        down.GetProperty("l2").GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
        using var listing = await host.SendAsync(HttpMethod.Get, "/cache/keys");
        listing.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    private sealed class RoutesWarmer : IStrataWarmer
    {
        public string Name => "routes";

        public async ValueTask WarmAsync(StrataWarmupContext context, CancellationToken cancellationToken)
        {
            var routes = context.Cache.Namespace("routes");
            foreach (var route in (string[])["LAX-JFK", "SFO-JFK"])
            {
                await routes.SetAsync(route, "fares", TenMinutes, cancellationToken: cancellationToken);
                context.ReportItems();
            }
        }
    }
}
