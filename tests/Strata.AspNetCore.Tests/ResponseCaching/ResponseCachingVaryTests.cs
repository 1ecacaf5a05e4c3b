using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>What is part of the key: headers, query (canonical order, listed keys), route values, and the endpoint's
/// own Vary (secondary keys, <c>Vary: *</c>).</summary>
public sealed class ResponseCachingVaryTests
{
    [Fact]
    public async Task Get_VaryByHeader_OneEntryPerValueAndVaryEmitted()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet(
                "/greeting",
                (HttpRequest r) => $"{r.Headers.AcceptLanguage} #{calls.Next()}")
            .CacheResponse(p => p.VaryByHeaders.Add("Accept-Language")));

        var en = await app.FetchAsync("/greeting", r => r.Headers.Add("Accept-Language", "en"));
        var fr = await app.FetchAsync("/greeting", r => r.Headers.Add("Accept-Language", "fr"));
        var none = await app.FetchAsync("/greeting");
        var enAgain = await app.FetchAsync("/greeting", r => r.Headers.Add("Accept-Language", "en"));
        var frAgain = await app.FetchAsync("/greeting", r => r.Headers.Add("Accept-Language", "fr"));
        using var response = await app.GetAsync("/greeting");

        en.ShouldBe((200, "MISS", "en #1"));
        fr.ShouldBe((200, "MISS", "fr #2"));
        none.ShouldBe((200, "MISS", " #3"));
        enAgain.ShouldBe((200, "HIT", "en #1"));
        frAgain.ShouldBe((200, "HIT", "fr #2"));
        ResponseCacheTestApp.Header(response, "Vary").ShouldBe("Accept-Language");
    }

    [Fact]
    public async Task Get_QueryInAnotherOrder_SharesOneEntry()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/search", (HttpRequest r) => $"{r.QueryString} #{calls.Next()}").CacheResponse());

        var first = await app.FetchAsync("/search?b=2&a=1");
        var reordered = await app.FetchAsync("/search?a=1&b=2");
        var otherValue = await app.FetchAsync("/search?a=1&b=3");
        var repeatedKeyOrder = await app.FetchAsync("/search?a=1&b=2&a=0");
        var repeatedKeyOtherOrder = await app.FetchAsync("/search?a=0&b=2&a=1");

        first.ShouldBe((200, "MISS", "?b=2&a=1 #1"));
        reordered.ShouldBe((200, "HIT", "?b=2&a=1 #1"));
        otherValue.XCache.ShouldBe("MISS");

        // Values of one key keep their order: a=1,0 and a=0,1 are different requests.
        repeatedKeyOrder.XCache.ShouldBe("MISS");
        repeatedKeyOtherOrder.XCache.ShouldBe("MISS");
        calls.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Get_QueryKeysDifferOnlyInCase_ShareOneEntryByDefault()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/search", () => $"#{calls.Next()}").CacheResponse());

        await app.FetchAsync("/search?Page=2");
        var lower = await app.FetchAsync("/search?page=2");
        var otherValueCase = await app.FetchAsync("/search?page=TWO");

        lower.ShouldBe((200, "HIT", "#1"));
        otherValueCase.XCache.ShouldBe("MISS");
    }

    [Fact]
    public async Task Get_CaseSensitiveQueryKeys_KeepKeysApart()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/search", () => $"#{calls.Next()}").CacheResponse(p => p.QueryKeysCaseSensitive = true));

        await app.FetchAsync("/search?Page=2");
        var lower = await app.FetchAsync("/search?page=2");

        lower.ShouldBe((200, "MISS", "#2"));
    }

    [Fact]
    public async Task Get_ListedQueryKeys_IgnoresOtherKeys()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/search", () => $"#{calls.Next()}").CacheResponse(p =>
        {
            p.VaryByQueryKeys.Clear();
            p.VaryByQueryKeys.Add("from");
            p.VaryByQueryKeys.Add("to");
        }));

        var first = await app.FetchAsync("/search?from=LAX&to=JFK&utm_source=mail");
        var otherTracking = await app.FetchAsync("/search?utm_source=ad&to=JFK&from=LAX");
        var otherRoute = await app.FetchAsync("/search?from=LAX&to=SFO");

        first.ShouldBe((200, "MISS", "#1"));
        otherTracking.ShouldBe((200, "HIT", "#1"));
        otherRoute.ShouldBe((200, "MISS", "#2"));
    }

    [Fact]
    public async Task Get_EmptyQueryKeys_IgnoresTheQuery()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/search", () => $"#{calls.Next()}").CacheResponse(p => p.VaryByQueryKeys.Clear()));

        await app.FetchAsync("/search?x=1");
        var other = await app.FetchAsync("/search?x=2");

        other.ShouldBe((200, "HIT", "#1"));
    }

    [Fact]
    public async Task Get_PathsDifferOnlyInCase_ShareOneEntryByDefault()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips/{id}", (string id) => $"{id} #{calls.Next()}").CacheResponse());

        await app.FetchAsync("/trips/abc");
        var upper = await app.FetchAsync("/TRIPS/abc");
        var otherId = await app.FetchAsync("/trips/abd");

        upper.ShouldBe((200, "HIT", "abc #1"));
        otherId.ShouldBe((200, "MISS", "abd #2"));
    }

    [Fact]
    public async Task Get_EndpointSendsVaryStar_NeverStored()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/random", (HttpContext c) =>
        {
            c.Response.Headers.Vary = "*";
            return $"#{calls.Next()}";
        }).CacheResponse());

        var first = await app.FetchAsync("/random");
        var second = await app.FetchAsync("/random");

        first.ShouldBe((200, "BYPASS", "#1"));
        second.ShouldBe((200, "BYPASS", "#2"));
    }

    [Fact]
    public async Task Get_EndpointVariesByHeaderOutsidePolicy_NeverServesAResponseForOtherValues()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/tenant", (HttpContext c) =>
        {
            c.Response.Headers.Vary = "X-Tenant";
            return $"{c.Request.Headers["X-Tenant"]} #{calls.Next()}";
        }).CacheResponse());

        var acme = await app.FetchAsync("/tenant", r => r.Headers.Add("X-Tenant", "acme"));
        var globex = await app.FetchAsync("/tenant", r => r.Headers.Add("X-Tenant", "globex"));
        var anonymous = await app.FetchAsync("/tenant");
        var acmeAgain = await app.FetchAsync("/tenant", r => r.Headers.Add("X-Tenant", "acme"));
        var globexAgain = await app.FetchAsync("/tenant", r => r.Headers.Add("X-Tenant", "globex"));
        using var response = await app.GetAsync("/tenant", r => r.Headers.Add("X-Tenant", "globex"));

        acme.ShouldBe((200, "MISS", "acme #1"));
        globex.ShouldBe((200, "MISS", "globex #2"));
        anonymous.ShouldBe((200, "MISS", " #3"));
        acmeAgain.ShouldBe((200, "HIT", "acme #1"));
        globexAgain.ShouldBe((200, "HIT", "globex #2"));
        ResponseCacheTestApp.Header(response, "Vary").ShouldBe("X-Tenant");
    }

    [Fact]
    public async Task Get_EndpointVaryBeyondPolicy_VaryHeaderMergesBoth()
    {
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/tenant", (HttpContext c) =>
        {
            c.Response.Headers.Vary = "X-Tenant, accept-language";
            return "ok";
        }).CacheResponse(p => p.VaryByHeaders.Add("Accept-Language")));

        using var response = await app.GetAsync("/tenant");

        ResponseCacheTestApp.Header(response, "Vary").ShouldBe("Accept-Language, X-Tenant");
    }

    [Fact]
    public async Task Get_VaryByRouteValue_OneEntryPerValue()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/items/{id:int}", (int id) => $"item {id} #{calls.Next()}").CacheResponse(p => p.VaryByRouteValues.Add("id")));

        var first = await app.FetchAsync("/items/1");
        var second = await app.FetchAsync("/items/2");
        var firstAgain = await app.FetchAsync("/items/1");

        first.ShouldBe((200, "MISS", "item 1 #1"));
        second.ShouldBe((200, "MISS", "item 2 #2"));
        firstAgain.ShouldBe((200, "HIT", "item 1 #1"));
    }
}
