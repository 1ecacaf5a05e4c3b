using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Strata.AspNetCore.Invalidation;

namespace Strata.AspNetCore.Tests.Invalidation;

/// <summary>
/// Route-pattern rules from configuration (<c>Strata:Invalidation:Rules</c>) and code, matched by method and path
/// (wildcards, placeholders), through TestHost; bad rules and bad endpoint metadata fail start-up.
/// </summary>
public sealed class InvalidationRuleTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> SeedTable = new()
    {
        ["Strata:Invalidation:Rules:0:Method"] = "POST",
        ["Strata:Invalidation:Rules:0:Path"] = "/v1.0/user/create*",
        ["Strata:Invalidation:Rules:0:Tags:0"] = "user_stats",
        ["Strata:Invalidation:Rules:0:Tags:1"] = "user_list",
        ["Strata:Invalidation:Rules:0:Tags:2"] = "dashboard_stats",
        ["Strata:Invalidation:Rules:1:Method"] = "put",
        ["Strata:Invalidation:Rules:1:Path"] = "/v1.0/users/{userId}/profile",
        ["Strata:Invalidation:Rules:1:Tags:0"] = "user:{userId}",
        ["Strata:Invalidation:Rules:2:Path"] = "*/stats/reset",
        ["Strata:Invalidation:Rules:2:Namespaces:0"] = "stats",
    };

    private IHost _host = null!;
    private HttpClient _client = null!;
    private StrataCache _cache = null!;

    public async Task InitializeAsync()
    {
        _host = await InvalidationApp.StartAsync(
            MapAnything,
            s => s.AddStrataInvalidation(o => o.AddRule("DELETE", "/v1.0/users/{userId}", tags: ["user:{userId}", "user_list"])),
            SeedTable);
        _client = _host.GetTestClient();
        _cache = _host.Cache();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }

    [Theory]
    [InlineData("/v1.0/user/create")]
    [InlineData("/v1.0/user/create-admin")]
    [InlineData("/v1.0/user/create/bulk")]
    [InlineData("/V1.0/User/Create")]
    public async Task Post_PathMatchesSuffixWildcardRule_EvictsEveryTagOfTheRule(string path)
    {
        await SeedAsync("user_stats", "user_list", "dashboard_stats", "other");

        using var response = await SendAsync(HttpMethod.Post, path);

        (await _cache.HasAsync("user_stats")).ShouldBeFalse();
        (await _cache.HasAsync("user_list")).ShouldBeFalse();
        (await _cache.HasAsync("dashboard_stats")).ShouldBeFalse();
        (await _cache.HasAsync("other")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("GET", "/v1.0/user/create")]
    [InlineData("PUT", "/v1.0/user/create")]
    [InlineData("POST", "/v1.0/user/delete")]
    [InlineData("POST", "/v1.0/users/create")]
    [InlineData("POST", "/v2.0/user/create")]
    public async Task Send_MethodOrPathDoesNotMatch_EvictsNothing(string method, string path)
    {
        await SeedAsync("user_stats");

        using var response = await SendAsync(new HttpMethod(method), path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _cache.HasAsync("user_stats")).ShouldBeTrue();
    }

    [Fact]
    public async Task Post_MatchingRuleButAnswers400_EvictsNothing()
    {
        await SeedAsync("user_stats");

        using var response = await SendAsync(HttpMethod.Post, "/v1.0/user/create?status=400");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _cache.HasAsync("user_stats")).ShouldBeTrue();
    }

    [Fact]
    public async Task Put_PlaceholderRule_EvictsTheTagOfThatUserOnly()
    {
        await SeedAsync("user:42", "user:43");

        using var response = await SendAsync(HttpMethod.Put, "/v1.0/users/42/profile");

        (await _cache.HasAsync("user:42")).ShouldBeFalse();
        (await _cache.HasAsync("user:43")).ShouldBeTrue();
    }

    [Fact]
    public async Task Delete_RuleAddedInCode_AppliesAlongsideConfiguration()
    {
        await SeedAsync("user:42", "user_list", "user:43");

        using var response = await SendAsync(HttpMethod.Delete, "/v1.0/users/42/");

        (await _cache.HasAsync("user:42")).ShouldBeFalse();
        (await _cache.HasAsync("user_list")).ShouldBeFalse();
        (await _cache.HasAsync("user:43")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    public async Task Send_PrefixWildcardRuleForAnyMethod_ClearsTheNamespace(string method)
    {
        var stats = _cache.Namespace("stats");
        await stats.SetAsync("daily", "cached", InvalidationApp.Long);

        using var response = await SendAsync(new HttpMethod(method), "/admin/tenants/9/stats/reset");

        (await stats.TryGetAsync<string>("daily")).ShouldBeNull();
    }

    [Fact]
    public async Task Options_CorsPreflightMatchingAnyMethodRule_InvalidatesNothing()
    {
        var stats = _cache.Namespace("stats");
        await stats.SetAsync("daily", "cached", InvalidationApp.Long);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/admin/stats/reset");
        request.Headers.Add("Origin", "https://app.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stats.TryGetAsync<string>("daily")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Post_RuleApplied_JournalsAndCountsItAsRule()
    {
        var measurements = new List<(long Value, string? Source, string? Kind)>();
        using var listener = ListenTo(_host, measurements);

        using var response = await SendAsync(HttpMethod.Post, "/v1.0/user/create");

        var recent = _host.Services.GetRequiredService<InvalidationJournal>().Recent(10);
        recent.Select(r => r.Target).ShouldBe(["user_stats", "user_list", "dashboard_stats"], ignoreOrder: true);
        recent.ShouldAllBe(r => r.Source == InvalidationSource.Rule && r.Origin == "POST /v1.0/user/create*" && r.Path == "/v1.0/user/create");
        lock (measurements)
        {
            measurements.ShouldBe([(1, "rule", "tag"), (1, "rule", "tag"), (1, "rule", "tag")]);
        }
    }

    [Theory]
    [InlineData("/v1.0/user/cre*ate", "user_stats", "neither first nor last")]
    [InlineData("v1.0/user/create", "user_stats", "must start with '/' or '*'")]
    [InlineData("/trips/{id", "trip", "unclosed '{'")]
    [InlineData("/trips/{id:int}", "trip", "placeholder '{id:int}'")]
    [InlineData("/trips/{id}", "trip:{tripId}", "reads '{tripId}', which the path '/trips/{id}' does not capture")]
    [InlineData("/trips?x=1", "trip", "not the query")]
    [InlineData("", "trip", "the path is empty")]
    public async Task StartAsync_BadRuleInConfiguration_FailsNamingTheRule(string path, string tag, string reason)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Strata:Invalidation:Rules:0:Method"] = "POST",
            ["Strata:Invalidation:Rules:0:Path"] = "/fine",
            ["Strata:Invalidation:Rules:0:Tags:0"] = "fine",
            ["Strata:Invalidation:Rules:1:Method"] = "POST",
            ["Strata:Invalidation:Rules:1:Path"] = path,
            ["Strata:Invalidation:Rules:1:Tags:0"] = tag,
        };

        var error = await Should.ThrowAsync<OptionsValidationException>(() => InvalidationApp.StartAsync(MapAnything, configuration: configuration));

        error.Message.ShouldContain($"Invalidation rule 1 (Strata:Invalidation:Rules:1) 'POST {path}'");
        error.Message.ShouldContain(reason);
        error.Message.ShouldNotContain("rule 0");
    }

    [Theory]
    [InlineData("GET POST", "/x", "x", null, "not an HTTP method token")]
    [InlineData("POST", "/x", null, null, "no Tags and no Namespaces")]
    [InlineData("POST", "/x", null, "bad:name", "contains ':'")]
    [InlineData("POST", "/x", "", null, "the tag '' is invalid")]
    public async Task StartAsync_BadRuleInCode_FailsNamingTheRule(string method, string path, string? tag, string? ns, string reason)
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => InvalidationApp.StartAsync(
            MapAnything,
            s => s.AddStrataInvalidation(o => o.Rules.Add(Rule(method, path, tag, ns)))));

        error.Message.ShouldContain($"Invalidation rule 0 (Strata:Invalidation:Rules:0) '{method} {path}'");
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public async Task StartAsync_MisspelledRuleSetting_FailsNamingIt()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Strata:Invalidation:Rules:0:Metod"] = "POST",
            ["Strata:Invalidation:Rules:0:Path"] = "/x",
            ["Strata:Invalidation:Rules:0:Tags:0"] = "x",
        };

        var error = await Should.ThrowAsync<InvalidOperationException>(() => InvalidationApp.StartAsync(MapAnything, configuration: configuration));

        error.Message.ShouldContain("'Strata:Invalidation' is invalid");
        error.Message.ShouldContain("Metod");
    }

    [Fact]
    public async Task StartAsync_EndpointTagReadsMissingRouteValue_FailsNamingTagAndRoute()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => InvalidationApp.StartAsync(
            e => e.MapPut("/trips/{id}", () => Results.Ok()).InvalidatesTags("trip:{tripId}")));

        error.Message.ShouldContain("'trip:{tripId}'");
        error.Message.ShouldContain("'tripId'");
        error.Message.ShouldContain("/trips/{id}");
    }

    [Fact]
    public async Task StartAsync_EndpointNamespaceInvalid_FailsNamingIt()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => InvalidationApp.StartAsync(
            e => e.MapPost("/x", () => Results.Ok()).InvalidatesNamespaces("bad name")));

        error.Message.ShouldContain("the namespace 'bad name' contains ' '");
    }

    [Fact]
    public void InvalidatesTags_MalformedTemplate_ThrowsAtDeclaration()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();

        Should.Throw<ArgumentException>(() => app.MapPut("/trips/{id}", () => Results.Ok()).InvalidatesTags("trip:{id"))
            .Message.ShouldContain("unclosed");
    }

    [Fact]
    public void UseStrataInvalidation_WithoutAddStrataInvalidation_ThrowsSayingWhatToCall()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddStrata();
        using var app = builder.Build();

        Should.Throw<InvalidOperationException>(() => app.UseStrataInvalidation()).Message.ShouldContain("AddStrataInvalidation()");
    }

    private static InvalidationRule Rule(string method, string path, string? tag, string? ns)
    {
        var rule = new InvalidationRule { Method = method, Path = path };
        if (tag is not null)
        {
            rule.Tags.Add(tag);
        }

        if (ns is not null)
        {
            rule.Namespaces.Add(ns);
        }

        return rule;
    }

    private static void MapAnything(IEndpointRouteBuilder endpoints) =>
        endpoints.Map("{**path}", (HttpContext context) =>
            Results.StatusCode(int.TryParse(context.Request.Query["status"], out var status) ? status : 200));

    private static MeterListener ListenTo(IHost host, List<(long, string?, string?)> measurements)
    {
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == "Strata.AspNetCore" && instrument.Name == "strata.http.invalidations")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? source = null, kind = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "source")
                {
                    source = tag.Value as string;
                }
                else if (tag.Key == "kind")
                {
                    kind = tag.Value as string;
                }
            }

            lock (measurements)
            {
                measurements.Add((value, source, kind));
            }
        });
        listener.Start();
        return listener;
    }

    private async Task SeedAsync(params string[] tags)
    {
        foreach (var tag in tags)
        {
            await _cache.SeedAsync(tag);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        var response = await _client.SendAsync(request);
        return response;
    }
}
