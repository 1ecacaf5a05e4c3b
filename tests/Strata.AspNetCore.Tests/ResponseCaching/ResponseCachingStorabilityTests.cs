using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>What is never stored in the shared tier — and what per-user caching stores instead.</summary>
public sealed class ResponseCachingStorabilityTests
{
    [Theory]
    [InlineData("no-store")]
    [InlineData("private")]
    [InlineData("no-cache")]
    [InlineData("public, max-age=60, No-Store")]
    public async Task Get_EndpointSendsUncacheableCacheControl_NeverStored(string cacheControl)
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/me", (HttpContext c) =>
        {
            c.Response.Headers.CacheControl = cacheControl;
            return $"#{calls.Next()}";
        }).CacheResponse());

        var first = await app.FetchAsync("/me");
        using var second = await app.GetAsync("/me");

        first.ShouldBe((200, "BYPASS", "#1"));
        ResponseCacheTestApp.XCache(second).ShouldBe("BYPASS");
        (await second.Content.ReadAsStringAsync()).ShouldBe("#2");
        ResponseCacheTestApp.Header(second, "Cache-Control").ShouldBe(cacheControl);
    }

    [Fact]
    public async Task Get_EndpointSetsCookie_NeverStored()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/home", (HttpContext c) =>
        {
            var call = calls.Next();
            c.Response.Cookies.Append("session", $"s{call}");
            return $"#{call}";
        }).CacheResponse());

        using var first = await app.GetAsync("/home");
        using var second = await app.GetAsync("/home");

        ResponseCacheTestApp.XCache(first).ShouldBe("BYPASS");
        ResponseCacheTestApp.XCache(second).ShouldBe("BYPASS");
        first.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().ShouldStartWith("session=s1");
        second.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().ShouldStartWith("session=s2");
        calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Get_AuthorizationHeader_BypassesAndAnonymousNeverSeesTheResponse()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/account", (HttpRequest r) => $"{r.Headers.Authorization} #{calls.Next()}").CacheResponse());

        var authorized = await app.FetchAsync("/account", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "alice-token"));
        var authorizedAgain = await app.FetchAsync("/account", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "alice-token"));
        var anonymous = await app.FetchAsync("/account");

        authorized.ShouldBe((200, "BYPASS", "Bearer alice-token #1"));
        authorizedAgain.ShouldBe((200, "BYPASS", "Bearer alice-token #2"));
        anonymous.ShouldBe((200, "MISS", " #3"));
    }

    [Fact]
    public async Task Get_AuthenticatedUserWithoutVaryByUser_Bypasses()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/account", () => $"#{calls.Next()}").CacheResponse());

        var first = await app.FetchAsync("/account", r => r.Headers.Add(ResponseCacheTestApp.UserHeader, "alice"));
        var second = await app.FetchAsync("/account", r => r.Headers.Add(ResponseCacheTestApp.UserHeader, "alice"));

        first.ShouldBe((200, "BYPASS", "#1"));
        second.ShouldBe((200, "BYPASS", "#2"));
    }

    [Fact]
    public async Task Get_VaryByUser_CachesPerUserAndNoUserSeesAnothersResponse()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/account", (HttpContext c) =>
        {
            // A per-user endpoint says so; with VaryByUser that is stored under the user's key.
            c.Response.Headers.CacheControl = "private, max-age=60";
            return $"{c.User.Identity?.Name ?? c.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "anonymous"} #{calls.Next()}";
        }).CacheResponse(p => p.VaryByUser = true));

        var alice = await app.FetchAsync("/account", r => r.Headers.Add(ResponseCacheTestApp.UserHeader, "alice"));
        var bob = await app.FetchAsync("/account", r => r.Headers.Add(ResponseCacheTestApp.UserHeader, "bob"));
        var aliceAgain = await app.FetchAsync("/account", r => r.Headers.Add(ResponseCacheTestApp.UserHeader, "alice"));
        var bobAgain = await app.FetchAsync("/account", r => r.Headers.Add(ResponseCacheTestApp.UserHeader, "bob"));
        var anonymous = await app.FetchAsync("/account");

        alice.ShouldBe((200, "MISS", "alice #1"));
        bob.ShouldBe((200, "MISS", "bob #2"));
        aliceAgain.ShouldBe((200, "HIT", "alice #1"));
        bobAgain.ShouldBe((200, "HIT", "bob #2"));
        anonymous.Body.ShouldBe("anonymous #3");
        anonymous.XCache.ShouldBe("BYPASS");
    }

    [Fact]
    public async Task Get_VaryByUserPolicy_EmitsPrivate()
    {
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/account", () => "me").CacheResponse(p =>
        {
            p.VaryByUser = true;
            p.SharedMaxAge = TimeSpan.FromMinutes(5);
        }));

        using var response = await app.GetAsync("/account", r => r.Headers.Add(ResponseCacheTestApp.UserHeader, "alice"));

        ResponseCacheTestApp.Header(response, "Cache-Control").ShouldBe("private, max-age=60");
        ResponseCacheTestApp.XCache(response).ShouldBe("MISS");
    }

    [Fact]
    public async Task Get_StatusNotInPolicy_NotStored()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips/{id}", (string id) =>
        {
            calls.Next();
            return Results.NotFound(id);
        }).CacheResponse());

        var first = await app.FetchAsync("/trips/9");
        var second = await app.FetchAsync("/trips/9");

        first.Status.ShouldBe(404);
        first.XCache.ShouldBe("BYPASS");
        second.XCache.ShouldBe("BYPASS");
        calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Get_ListedStatus_Stored()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips/{id}", (string id) =>
        {
            calls.Next();
            return Results.NotFound(id);
        }).CacheResponse(p => p.StatusCodes.Add(404)));

        await app.FetchAsync("/trips/9");
        var second = await app.FetchAsync("/trips/9");

        second.Status.ShouldBe(404);
        second.XCache.ShouldBe("HIT");
        calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Get_NoContentStatusListed_StoredWithoutContentLength()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/ping", () =>
        {
            calls.Next();
            return Results.NoContent();
        }).CacheResponse(p => p.StatusCodes.Add(204)));

        await app.FetchAsync("/ping");
        using var second = await app.GetAsync("/ping");

        second.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        ResponseCacheTestApp.XCache(second).ShouldBe("HIT");
        calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Post_CachedEndpoint_Bypasses()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapMethods("/trips", ["GET", "POST"], () => $"#{calls.Next()}").CacheResponse());

        using var post = await app.SendAsync(HttpMethod.Post, "/trips");
        using var postAgain = await app.SendAsync(HttpMethod.Post, "/trips");

        ResponseCacheTestApp.XCache(post).ShouldBe("BYPASS");
        (await postAgain.Content.ReadAsStringAsync()).ShouldBe("#2");
    }

    [Fact]
    public async Task Get_BodyOverLimit_StreamsThroughUnstored()
    {
        var calls = new EndpointCalls();
        var big = new string('x', 5000);
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/big", async (HttpContext c) =>
            {
                calls.Next();
                await c.Response.WriteAsync(big[..3000]);
                await c.Response.WriteAsync(big[3000..]);
            }).CacheResponse(p => p.MaximumBodySize = 4096));

        var first = await app.FetchAsync("/big");
        var second = await app.FetchAsync("/big");

        first.ShouldBe((200, "BYPASS", big));
        second.ShouldBe((200, "BYPASS", big));
        calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Get_BodyWrittenThroughPipeWriter_Stored()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/pipe", async (HttpContext c) =>
        {
            calls.Next();
            c.Response.ContentType = "text/plain";
            await c.Response.BodyWriter.WriteAsync("through the pipe"u8.ToArray());
        }).CacheResponse());

        await app.FetchAsync("/pipe");
        var second = await app.FetchAsync("/pipe");

        second.ShouldBe((200, "HIT", "through the pipe"));
        calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Head_AfterGet_ServedFromTheGetEntryWithoutBody()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapMethods("/trips", ["GET", "HEAD"], () => $"trips #{calls.Next()}").CacheResponse());
        using var get = await app.GetAsync("/trips");

        using var head = await app.SendAsync(HttpMethod.Head, "/trips");

        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        ResponseCacheTestApp.XCache(head).ShouldBe("HIT");
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        head.Content.Headers.ContentLength.ShouldBe(8);
        head.Headers.ETag!.Tag.ShouldBe(get.Headers.ETag!.Tag);
        calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Head_NothingStored_BypassesAndStoresNothing()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapMethods("/trips", ["GET", "HEAD"], () => $"trips #{calls.Next()}").CacheResponse());

        using var head = await app.SendAsync(HttpMethod.Head, "/trips");
        var get = await app.FetchAsync("/trips");

        ResponseCacheTestApp.XCache(head).ShouldBe("BYPASS");
        get.ShouldBe((200, "MISS", "trips #2"));
    }

    [Fact]
    public async Task Get_EndpointWithoutMetadata_Untouched()
    {
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/plain", () => "plain"));

        using var response = await app.GetAsync("/plain");

        ResponseCacheTestApp.XCache(response).ShouldBeNull();
        response.Headers.ETag.ShouldBeNull();
    }
}
