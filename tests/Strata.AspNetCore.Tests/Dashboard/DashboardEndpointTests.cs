using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Strata.AspNetCore.Dashboard;
using Strata.RateLimiting;
using Strata.Testing;

namespace Strata.AspNetCore.Tests.Dashboard;

/// <summary>The page and its data endpoint over TestHost: headers, guard, and the JSON that known traffic produces.</summary>
public sealed partial class DashboardEndpointTests
{
    private static readonly StrataEntryOptions TenMinutes = new() { Duration = TimeSpan.FromMinutes(10) };

    [Fact]
    public async Task Page_WithoutCredentials_ServedWithHashedCspAndNoStoreAndNoData()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.Cache.Namespace("secret-namespace").SetAsync("secret-key", "secret-value", TenMinutes, tags: ["secret-tag"]);

        using var response = await host.GetAsync("/cache/dashboard", key: null);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var csp = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        csp.ShouldContain("default-src 'none'");
        csp.ShouldContain("connect-src 'self'");
        csp.ShouldContain($"script-src '{Sha256(Block(html, "script"))}'");
        csp.ShouldContain($"style-src '{Sha256(Block(html, "style"))}'");
        csp.ShouldNotContain("unsafe");
        csp.ShouldNotContain("http");

        // Inert: nothing from the cache, nothing loaded from elsewhere, no inline handlers the CSP would block anyway.
        html.ShouldNotContain("secret-");
        ExternalReference().IsMatch(html).ShouldBeFalse(ExternalReference().Match(html).Value);
        InlineHandler().IsMatch(html).ShouldBeFalse(InlineHandler().Match(html).Value);
        html.ShouldContain("data-data-path=\"/cache/dashboard/data\"");
        html.ShouldContain("data-admin-prefix=\"/cache\"");
        html.ShouldContain("data-auth=\"key\"");
        html.ShouldNotContain("{{");
    }

    [Fact]
    public async Task Page_UnderPathBaseAndCustomPaths_PointsTheScriptThere()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddStrata();
        builder.Services.AddStrataAdmin(o => o.ApiKey = DashboardHost.Key);
        await using var app = builder.Build();
        app.UsePathBase("/ops");
        app.UseRouting();
        app.MapStrataAdmin("/admin/cache");
        app.MapStrataDashboard("/admin/cache/ui/", adminPrefix: "admin/cache/");
        await app.StartAsync();
        using var client = app.GetTestClient();

        var html = await client.GetStringAsync(new Uri("/ops/admin/cache/ui", UriKind.Relative));

        html.ShouldContain("data-path-base=\"/ops\"");
        html.ShouldContain("data-data-path=\"/admin/cache/ui/data\"");
        html.ShouldContain("data-admin-prefix=\"/admin/cache\"");
        (await client.GetAsync(new Uri("/ops/admin/cache/ui/data", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Data_ByCredentials_401Then403Then200LikeTheAdminApi()
    {
        await using var host = await DashboardHost.StartAsync();

        using (var none = await host.GetAsync("/cache/dashboard/data", key: null))
        {
            none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            none.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
            none.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        using (var wrong = await host.GetAsync("/cache/dashboard/data", key: "not-the-admin-key-at-all"))
        {
            wrong.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            wrong.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        using var right = await host.GetAsync("/cache/dashboard/data");
        right.StatusCode.ShouldBe(HttpStatusCode.OK, await right.Content.ReadAsStringAsync());
        right.Headers.CacheControl!.NoStore.ShouldBeTrue();
        right.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
    }

    [Fact]
    public async Task Data_HostPolicy_ItsMiddlewareAnswers401And403_PageStillOpenAndSaysPolicy()
    {
        await using var host = await DashboardHost.StartAsync(
            admin: o => { o.ApiKey = null; o.AuthorizationPolicy = "ops"; },
            services: b =>
            {
                b.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
                b.Services.AddAuthorizationBuilder().AddPolicy("ops", p => p.RequireRole("ops"));
            });

        (await host.GetAsync("/cache/dashboard/data", key: null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.GetAsync("/cache/dashboard/data")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the key means nothing under a policy");
        (await SendAsUserAsync(host, "alice:user")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SendAsUserAsync(host, "bob:ops")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var page = await host.GetAsync("/cache/dashboard", key: null);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("data-auth=\"policy\"");
    }

    [Fact]
    public async Task Data_AfterKnownTraffic_HasExactCountsHistoryAndJournal()
    {
        var time = new ManualTimeProvider();
        await using var host = await DashboardHost.StartAsync(time);
        using var limiter = StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions
        {
            PolicyName = "supplier-search",
            PermitLimit = 2,
            Window = TimeSpan.FromMinutes(1),
            MeterFactory = host.App.Services.GetRequiredService<IMeterFactory>(),
        });
        var flights = host.Cache.Namespace("flights");
        for (var i = 0; i < 3; i++)
        {
            await flights.GetOrCreateAsync("LAX-JFK", static _ => ValueTask.FromResult("fares"), TenMinutes);
        }

        await flights.GetOrCreateAsync("LAX-SFO", static _ => ValueTask.FromResult("fares"), TenMinutes);
        var hotels = host.Cache.Namespace("hotels");
        await hotels.SetAsync("h1", "room", TenMinutes);
        await hotels.SetAsync("h2", "room", TenMinutes);
        await hotels.RemoveAsync("h2");
        for (var i = 0; i < 3; i++)
        {
            limiter.AttemptAcquire("amadeus").Dispose();
        }

        time.Advance(TimeSpan.FromSeconds(1));
        var data = await host.GetDataAsync();

        data.GetProperty("now").GetInt64().ShouldBe(ManualTimeProvider.DefaultStart.AddSeconds(1).ToUnixTimeMilliseconds());
        var history = data.GetProperty("history");
        history.GetProperty("intervalSeconds").GetDouble().ShouldBe(1);
        history.GetProperty("capacity").GetInt32().ShouldBe(300);
        var point = history.GetProperty("points").EnumerateArray().ShouldHaveSingleItem();
        point.GetProperty("t").GetInt64().ShouldBe(ManualTimeProvider.DefaultStart.AddSeconds(1).ToUnixTimeMilliseconds());
        Rate(point.GetProperty("reads"), "l1", "hit").ShouldBe(2);
        Rate(point.GetProperty("reads"), "l1", "miss").ShouldBe(2);
        point.GetProperty("hitRatios").EnumerateArray().Single(h => h.GetProperty("tier").GetString() == "l1").GetProperty("ratio").GetDouble().ShouldBe(0.5);
        point.GetProperty("factoryLatency").GetProperty("count").GetInt64().ShouldBe(2);
        point.GetProperty("l1Entries").GetInt64().ShouldBe(3);
        point.GetProperty("breaker").GetString().ShouldBe("closed");

        var stats = data.GetProperty("stats");
        stats.GetProperty("reads").GetInt64().ShouldBe(4);
        stats.GetProperty("hits").GetProperty("l1").GetInt64().ShouldBe(2);
        stats.GetProperty("misses").GetInt64().ShouldBe(2);
        stats.GetProperty("hitRatio").GetDouble().ShouldBe(0.5);
        stats.GetProperty("factory").GetProperty("runs").GetInt64().ShouldBe(2);
        stats.GetProperty("l1").GetProperty("entries").GetInt32().ShouldBe(3);
        stats.GetProperty("l1").GetProperty("bytes").GetInt64().ShouldBeGreaterThan(0);
        data.GetProperty("breaker").GetString().ShouldBe("none", "no L2, so no breaker");

        var namespaces = data.GetProperty("namespaces").EnumerateArray()
            .Select(n => (n.GetProperty("name").GetString(), n.GetProperty("l1Keys").GetInt32())).ToArray();
        namespaces.ShouldBe([("flights", 2), ("hotels", 1)]);

        var ttl = data.GetProperty("ttl");
        ttl.GetProperty("sampled").GetInt32().ShouldBe(3);
        var buckets = ttl.GetProperty("buckets").EnumerateArray().ToDictionary(b => b.GetProperty("bucket").GetString()!, b => b.GetProperty("count").GetInt64());
        buckets["≤15m"].ShouldBe(3, "every entry has 10 minutes less the second that passed");
        buckets.Values.Sum().ShouldBe(3);

        var invalidation = data.GetProperty("invalidations").EnumerateArray().ShouldHaveSingleItem();
        invalidation.GetProperty("scope").GetString().ShouldBe("key");
        invalidation.GetProperty("name").GetString().ShouldBe("h2");
        invalidation.GetProperty("namespace").GetString().ShouldBe("hotels");
        invalidation.GetProperty("remote").GetBoolean().ShouldBeFalse();
        invalidation.GetProperty("at").GetInt64().ShouldBe(ManualTimeProvider.DefaultStart.ToUnixTimeMilliseconds());

        var policy = data.GetProperty("rateLimits").EnumerateArray().Single(p => p.GetProperty("policy").GetString() == "supplier-search");
        policy.GetProperty("acquired").GetInt64().ShouldBe(2);
        policy.GetProperty("rejected").GetInt64().ShouldBe(1);
        policy.GetProperty("rejectedRatio").GetDouble().ShouldBe(1.0 / 3, 1e-9);
        policy.GetProperty("topPartitions").EnumerateArray().ShouldHaveSingleItem().GetProperty("partition").GetString().ShouldBe("amadeus");

        var http = data.GetProperty("responseCache");
        (http.GetProperty("hit").GetInt64(), http.GetProperty("miss").GetInt64(), http.GetProperty("stale").GetInt64(), http.GetProperty("bypass").GetInt64())
            .ShouldBe((0L, 0L, 0L, 0L));
    }

    [Fact]
    public async Task Data_Since_ReturnsOnlyTheLaterPoints()
    {
        var time = new ManualTimeProvider();
        await using var host = await DashboardHost.StartAsync(time);
        for (var i = 1; i <= 3; i++)
        {
            await host.Cache.GetOrCreateAsync("k" + i, static _ => ValueTask.FromResult("v"), TenMinutes);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var all = Points(await host.GetDataAsync());
        all.Select(p => p.GetProperty("t").GetInt64()).ShouldBe([.. new[] { 1, 2, 3 }.Select(s => ManualTimeProvider.DefaultStart.AddSeconds(s).ToUnixTimeMilliseconds())]);

        var after2 = Points(await host.GetDataAsync(since: all[1].GetProperty("t").GetInt64()));
        after2.ShouldHaveSingleItem().GetProperty("t").GetInt64().ShouldBe(all[2].GetProperty("t").GetInt64());
        Rate(after2[0].GetProperty("reads"), "l1", "miss").ShouldBe(1);

        Points(await host.GetDataAsync(since: all[2].GetProperty("t").GetInt64())).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task Data_BadSince_Is400NamingIt(string since)
    {
        await using var host = await DashboardHost.StartAsync();

        using var response = await host.GetAsync("/cache/dashboard/data?since=" + Uri.EscapeDataString(since));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("parameter").GetString().ShouldBe("since");
    }

    [Fact]
    public async Task Map_WithoutAddStrataAdmin_FailsNamingIt()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddStrata();
        await using var app = builder.Build();

        Should.Throw<InvalidOperationException>(() => app.MapStrataDashboard()).Message.ShouldContain("AddStrataAdmin");
    }

    [Theory]
    [InlineData("/cache/{tenant}/dashboard")]
    [InlineData("/cache/dashboard?x=1")]
    public async Task Map_PathThatIsNotLiteral_Throws(string pattern)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddStrata();
        builder.Services.AddStrataAdmin(o => o.ApiKey = DashboardHost.Key);
        await using var app = builder.Build();

        Should.Throw<ArgumentException>(() => app.MapStrataDashboard(pattern)).ParamName.ShouldBe("pattern");
    }

    [Fact]
    public void TemplateParse_HashesExactlyTheInlineBlocks()
    {
        var template = DashboardTemplate.Parse("<html><style>b{}</style><meta data-x=\"{{x}}\"><script>go();\n</script></html>");

        template.ContentSecurityPolicy.ShouldContain($"script-src '{Sha256("go();\n")}'");
        template.ContentSecurityPolicy.ShouldContain($"style-src '{Sha256("b{}")}'");
    }

    [Theory]
    [InlineData("<style></style><script>a()</script><script>b()</script>")]
    [InlineData("<style></style>")]
    [InlineData("<style></style><script>x = '{{auth}}'</script>")]
    public void TemplateParse_NotExactlyOneHashableScript_Throws(string html) =>
        Should.Throw<InvalidOperationException>(() => DashboardTemplate.Parse(html));

    [Fact]
    public void EmbeddedPage_Loads()
    {
        DashboardTemplate.Instance.Html.ShouldContain("id=\"hit-ratio-l1\"");
        DashboardTemplate.Instance.ContentSecurityPolicy.ShouldStartWith("default-src 'none'");
    }

    private static async Task<HttpResponseMessage> SendAsUserAsync(DashboardHost host, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cache/dashboard/data");
        request.Headers.Add("X-Test-User", user);
        return await host.Client.SendAsync(request);
    }

    private static JsonElement[] Points(JsonElement data) => [.. data.GetProperty("history").GetProperty("points").EnumerateArray()];

    private static double Rate(JsonElement reads, string tier, string result) => reads.EnumerateArray()
        .Single(r => r.GetProperty("tier").GetString() == tier && r.GetProperty("result").GetString() == result)
        .GetProperty("perSecond").GetDouble();

    private static string Block(string html, string tag)
    {
        var start = html.IndexOf($"<{tag}>", StringComparison.Ordinal) + tag.Length + 2;
        return html[start..html.IndexOf($"</{tag}>", start, StringComparison.Ordinal)];
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A src or href attribute to anything but a data: URL (scripts, styles, fonts, images from elsewhere).</summary>
    [GeneratedRegex("""\b(?:src|href)\s*=\s*(?>["']?)(?!data:)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
