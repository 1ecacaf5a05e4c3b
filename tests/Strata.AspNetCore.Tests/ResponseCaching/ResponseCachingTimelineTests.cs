using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Strata.AspNetCore.ResponseCaching;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>An entry's life on the manual clock: miss, fresh hits, validators, Age, stale-while-revalidate,
/// stale-if-error, must-revalidate.</summary>
public sealed class ResponseCachingTimelineTests
{
    [Fact]
    public async Task Get_RepeatedWhileFresh_MissThenHitAndEndpointRunsOnce()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () => $"trips #{calls.Next()}").CacheResponse());

        var first = await app.FetchAsync("/trips");
        app.Time.Advance(TimeSpan.FromSeconds(30));
        var second = await app.FetchAsync("/trips");

        first.ShouldBe((200, "MISS", "trips #1"));
        second.ShouldBe((200, "HIT", "trips #1"));
        calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Get_StoredResponse_CarriesPolicyCacheControlETagAndContentType()
    {
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips", () => Results.Json(new { id = 1 })).CacheResponse(p =>
            {
                p.Duration = TimeSpan.FromSeconds(60);
                p.SharedMaxAge = TimeSpan.FromSeconds(120);
                p.StaleWhileRevalidate = TimeSpan.FromSeconds(30);
                p.StaleIfError = TimeSpan.FromSeconds(300);
            }));

        using var miss = await app.GetAsync("/trips");
        using var hit = await app.GetAsync("/trips");

        foreach (var response in new[] { miss, hit })
        {
            ResponseCacheTestApp.Header(response, "Cache-Control").ShouldBe("public, max-age=60, s-maxage=120, stale-while-revalidate=30, stale-if-error=300");
            response.Headers.ETag!.IsWeak.ShouldBeFalse();
            response.Headers.ETag.Tag.ShouldMatch("^\"[0-9a-f]{32}\"$");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            (await response.Content.ReadAsStringAsync()).ShouldBe("{\"id\":1}");
        }

        hit.Headers.ETag!.Tag.ShouldBe(miss.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Get_MatchingIfNoneMatch_Returns304WithoutBodyWithValidatorsAndAge()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips", () => $"trips #{calls.Next()}").CacheResponse(p => p.VaryByHeaders.Add("Accept-Language")));
        using var first = await app.GetAsync("/trips");
        var etag = first.Headers.ETag!.Tag;
        app.Time.Advance(TimeSpan.FromSeconds(7));

        using var conditional = await app.GetAsync("/trips", r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));

        conditional.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await conditional.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        conditional.Headers.ETag!.Tag.ShouldBe(etag);
        ResponseCacheTestApp.Header(conditional, "Cache-Control").ShouldBe("public, max-age=60");
        ResponseCacheTestApp.Header(conditional, "Vary").ShouldBe("Accept-Language");
        ResponseCacheTestApp.Header(conditional, "Age").ShouldBe("7");
        ResponseCacheTestApp.XCache(conditional).ShouldBe("HIT");
        calls.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("W/{0}")]
    [InlineData("\"other\", {0}")]
    [InlineData("\"other\",W/{0} , \"more\"")]
    [InlineData("*")]
    public async Task Get_IfNoneMatchListWeakOrStar_Returns304(string template)
    {
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () => "trips").CacheResponse());
        using var first = await app.GetAsync("/trips");
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, first.Headers.ETag!.Tag);

        using var conditional = await app.GetAsync("/trips", r => r.Headers.TryAddWithoutValidation("If-None-Match", header));

        conditional.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Get_NonMatchingIfNoneMatch_Returns200WithBody()
    {
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () => "trips").CacheResponse());
        using var first = await app.GetAsync("/trips");

        using var conditional = await app.GetAsync("/trips", r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"0123\", W/\"4567\""));

        conditional.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await conditional.Content.ReadAsStringAsync()).ShouldBe("trips");
        conditional.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Get_MissWithMatchingIfNoneMatch_StoresAndReturns304()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () => $"trips #{calls.Next()}").CacheResponse());
        var etag = EntityTags.FromBody("trips #1"u8);

        using var conditional = await app.GetAsync("/trips", r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));
        var after = await app.FetchAsync("/trips");

        conditional.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        ResponseCacheTestApp.XCache(conditional).ShouldBe("MISS");
        after.ShouldBe((200, "HIT", "trips #1"));
    }

    [Fact]
    public async Task Get_ClockAdvances_AgeGrowsWithIt()
    {
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () => "trips").CacheResponse(p => p.Duration = TimeSpan.FromMinutes(10)));

        using var miss = await app.GetAsync("/trips");
        app.Time.Advance(TimeSpan.FromSeconds(12.5));
        using var early = await app.GetAsync("/trips");
        app.Time.Advance(TimeSpan.FromSeconds(300));
        using var late = await app.GetAsync("/trips");

        ResponseCacheTestApp.Header(miss, "Age").ShouldBe("0");
        ResponseCacheTestApp.Header(early, "Age").ShouldBe("12");
        ResponseCacheTestApp.Header(late, "Age").ShouldBe("312");
        ResponseCacheTestApp.XCache(late).ShouldBe("HIT");
    }

    [Fact]
    public async Task Get_PastFreshnessWithoutStaleWindows_RunsEndpointAgain()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () => $"trips #{calls.Next()}").CacheResponse());

        await app.FetchAsync("/trips");
        app.Time.Advance(TimeSpan.FromSeconds(61));
        var after = await app.FetchAsync("/trips");

        after.ShouldBe((200, "MISS", "trips #2"));
    }

    [Fact]
    public async Task Get_ConcurrentMisses_EndpointRunsOnceForAll()
    {
        var calls = new EndpointCalls();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", async () =>
        {
            var call = calls.Next();
            entered.TrySetResult();
            await release.Task;
            return $"trips #{call}";
        }).CacheResponse());

        var first = app.FetchAsync("/trips");
        await entered.Task;
        var others = Enumerable.Range(0, 8).Select(_ => app.FetchAsync("/trips")).ToArray();
        release.SetResult();
        var results = await Task.WhenAll([first, .. others]);

        calls.Count.ShouldBe(1);
        results.ShouldAllBe(r => r.Status == 200 && r.Body == "trips #1");
        results[0].XCache.ShouldBe("MISS");
        results.Skip(1).ShouldAllBe(r => r.XCache == "HIT");
    }

    [Fact]
    public async Task Get_WithinStaleWhileRevalidate_ServesStaleAndRevalidatesOnceInBackground()
    {
        var calls = new EndpointCalls();
        var revalidating = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", async () =>
        {
            var call = calls.Next();
            if (call == 2)
            {
                revalidating.TrySetResult();
                await release.Task;
            }

            return $"trips #{call}";
        }).CacheResponse(p =>
        {
            p.Duration = TimeSpan.FromSeconds(60);
            p.StaleWhileRevalidate = TimeSpan.FromSeconds(60);
        }));
        await app.FetchAsync("/trips");
        app.Time.Advance(TimeSpan.FromSeconds(90));
        var finished = app.Logs.NextAsync(ResponseCachingLog.RevalidationFinishedId);

        var stale = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.FetchAsync("/trips")));
        await revalidating.Task;
        var whileRevalidating = await app.FetchAsync("/trips");
        release.SetResult();
        (await finished).ShouldEndWith("stored.");
        var after = await app.FetchAsync("/trips");

        stale.ShouldAllBe(r => r.Status == 200 && r.XCache == "STALE" && r.Body == "trips #1");
        whileRevalidating.ShouldBe((200, "STALE", "trips #1"));
        after.ShouldBe((200, "HIT", "trips #2"));
        calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Get_StaleAuthorizedPerUserEndpoint_RevalidatesAsThatUser()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/account", (HttpContext c) => $"{c.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value} #{calls.Next()}")
                .RequireAuthorization()
                .CacheResponse(p =>
                {
                    p.VaryByUser = true;
                    p.StaleWhileRevalidate = TimeSpan.FromSeconds(60);
                }),
            useAuthorization: true);
        static void Alice(HttpRequestMessage r) => r.Headers.Add(ResponseCacheTestApp.UserHeader, "alice");
        await app.FetchAsync("/account", Alice);
        app.Time.Advance(TimeSpan.FromSeconds(90));
        var finished = app.Logs.NextAsync(ResponseCachingLog.RevalidationFinishedId);

        var stale = await app.FetchAsync("/account", Alice);
        (await finished).ShouldEndWith("stored.");
        var after = await app.FetchAsync("/account", Alice);

        stale.ShouldBe((200, "STALE", "alice #1"));
        after.ShouldBe((200, "HIT", "alice #2"));
    }

    [Fact]
    public async Task Get_StaleRevalidationFails_KeepsServingStale()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", (HttpContext c) =>
        {
            var call = calls.Next();
            return call == 1 ? Results.Text("trips #1") : Results.StatusCode(503);
        }).CacheResponse(p => p.StaleWhileRevalidate = TimeSpan.FromSeconds(60)));
        await app.FetchAsync("/trips");
        app.Time.Advance(TimeSpan.FromSeconds(90));
        var finished = app.Logs.NextAsync(ResponseCachingLog.RevalidationFinishedId);

        var stale = await app.FetchAsync("/trips");
        (await finished).ShouldContain("status 503");
        var finishedAgain = app.Logs.NextAsync(ResponseCachingLog.RevalidationFinishedId);
        var again = await app.FetchAsync("/trips");
        (await finishedAgain).ShouldContain("status 503");

        stale.ShouldBe((200, "STALE", "trips #1"));
        again.ShouldBe((200, "STALE", "trips #1"));
    }

    [Fact]
    public async Task Get_UpstreamReturns500WithinStaleIfError_ServesStaleCopy()
    {
        var failing = false;
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips", () => failing ? Results.Problem("down", statusCode: 500) : Results.Text("trips ok")).CacheResponse(p =>
            {
                p.Duration = TimeSpan.FromSeconds(60);
                p.StaleIfError = TimeSpan.FromMinutes(5);
            }));
        await app.FetchAsync("/trips");
        app.Time.Advance(TimeSpan.FromSeconds(90));
        failing = true;

        using var response = await app.GetAsync("/trips");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("trips ok");
        ResponseCacheTestApp.XCache(response).ShouldBe("STALE");
        ResponseCacheTestApp.Header(response, "Age").ShouldBe("90");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
    }

    [Fact]
    public async Task Get_UpstreamThrowsWithinStaleIfError_ServesStaleCopy()
    {
        var failing = false;
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips", () => failing ? throw new InvalidOperationException("supplier down") : "trips ok")
                .CacheResponse(p => p.StaleIfError = TimeSpan.FromMinutes(5)));
        await app.FetchAsync("/trips");
        app.Time.Advance(TimeSpan.FromSeconds(90));
        failing = true;

        var response = await app.FetchAsync("/trips");

        response.ShouldBe((200, "STALE", "trips ok"));
    }

    [Fact]
    public async Task Get_UpstreamReturns500WithNothingStale_ClientGetsOriginalErrorResponse()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", async (HttpContext c) =>
        {
            calls.Next();
            c.Response.StatusCode = 502;
            c.Response.Headers["X-Upstream"] = "supplier-7";
            c.Response.ContentType = "text/plain";
            await c.Response.WriteAsync("bad gateway from supplier-7");
        }).CacheResponse(p => p.StaleIfError = TimeSpan.FromMinutes(5)));

        using var first = await app.GetAsync("/trips");
        using var second = await app.GetAsync("/trips");

        foreach (var response in new[] { first, second })
        {
            ((int)response.StatusCode).ShouldBe(502);
            ResponseCacheTestApp.Header(response, "X-Upstream").ShouldBe("supplier-7");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
            (await response.Content.ReadAsStringAsync()).ShouldBe("bad gateway from supplier-7");
            ResponseCacheTestApp.XCache(response).ShouldBe("BYPASS");
            ResponseCacheTestApp.Header(response, "Cache-Control").ShouldBeNull();
        }

        calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Get_UpstreamThrowsWithNothingStale_ExceptionReachesThePipeline()
    {
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips", string () => throw new InvalidOperationException("supplier down")).CacheResponse(p => p.StaleIfError = TimeSpan.FromMinutes(5)));

        var error = await Should.ThrowAsync<InvalidOperationException>(() => app.GetAsync("/trips"));

        error.Message.ShouldBe("supplier down");
    }

    [Fact]
    public async Task Get_PastStaleIfErrorWindow_ClientGetsTheError()
    {
        var failing = false;
        await using var app = await ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips", () => failing ? Results.StatusCode(500) : Results.Text("trips ok")).CacheResponse(p => p.StaleIfError = TimeSpan.FromMinutes(5)));
        await app.FetchAsync("/trips");
        app.Time.Advance(TimeSpan.FromSeconds(60) + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        failing = true;

        var response = await app.FetchAsync("/trips");

        response.Status.ShouldBe(500);
        response.XCache.ShouldBe("BYPASS");
    }

    [Fact]
    public async Task Get_MustRevalidate_NeverServesStale()
    {
        var calls = new EndpointCalls();
        var failing = false;
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () =>
        {
            var call = calls.Next();
            return failing ? Results.StatusCode(500) : Results.Text($"trips #{call}");
        }).CacheResponse(p =>
        {
            p.StaleWhileRevalidate = TimeSpan.FromMinutes(5);
            p.StaleIfError = TimeSpan.FromMinutes(5);
            p.MustRevalidate = true;
        }));

        using var first = await app.GetAsync("/trips");
        app.Time.Advance(TimeSpan.FromSeconds(61));
        var afterFreshness = await app.FetchAsync("/trips");
        app.Time.Advance(TimeSpan.FromSeconds(61));
        failing = true;
        var failed = await app.FetchAsync("/trips");

        ResponseCacheTestApp.Header(first, "Cache-Control").ShouldBe("public, max-age=60, must-revalidate");
        afterFreshness.ShouldBe((200, "MISS", "trips #2"));
        failed.Status.ShouldBe(500);
        failed.XCache.ShouldBe("BYPASS");
    }

    [Fact]
    public async Task Get_RequestNoCache_RunsEndpointAndReplacesStoredResponse()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () => $"trips #{calls.Next()}").CacheResponse());
        await app.FetchAsync("/trips");

        var revalidated = await app.FetchAsync("/trips", ResponseCacheTestApp.NoCache);
        var after = await app.FetchAsync("/trips");

        revalidated.ShouldBe((200, "MISS", "trips #2"));
        after.ShouldBe((200, "HIT", "trips #2"));
    }

    [Fact]
    public async Task Get_RequestPragmaNoCache_RunsEndpoint()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () => $"trips #{calls.Next()}").CacheResponse());
        await app.FetchAsync("/trips");

        var revalidated = await app.FetchAsync("/trips", r => r.Headers.Pragma.Add(new NameValueHeaderValue("no-cache")));

        revalidated.ShouldBe((200, "MISS", "trips #2"));
    }

    [Fact]
    public async Task Get_RequestNoStore_RunsEndpointWithoutReadingOrStoring()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () => $"trips #{calls.Next()}").CacheResponse());
        await app.FetchAsync("/trips");

        var bypassed = await app.FetchAsync("/trips", r => r.Headers.CacheControl = new CacheControlHeaderValue { NoStore = true });
        var after = await app.FetchAsync("/trips");

        bypassed.ShouldBe((200, "BYPASS", "trips #2"));
        after.ShouldBe((200, "HIT", "trips #1"));
    }

    [Fact]
    public async Task Get_FirstRequestNoStore_NothingStored()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () => $"trips #{calls.Next()}").CacheResponse());

        await app.FetchAsync("/trips", r => r.Headers.CacheControl = new CacheControlHeaderValue { NoStore = true });
        var after = await app.FetchAsync("/trips");

        after.ShouldBe((200, "MISS", "trips #2"));
    }

    [Fact]
    public async Task Get_PolicyIgnoresClientDirectives_ServesHit()
    {
        var calls = new EndpointCalls();
        await using var app = await ResponseCacheTestApp.StartAsync(e => e.MapGet("/trips", () => $"trips #{calls.Next()}").CacheResponse(p =>
        {
            p.HonorRequestNoCache = false;
            p.HonorRequestNoStore = false;
        }));
        await app.FetchAsync("/trips");

        var noCache = await app.FetchAsync("/trips", ResponseCacheTestApp.NoCache);
        var noStore = await app.FetchAsync("/trips", r => r.Headers.CacheControl = new CacheControlHeaderValue { NoStore = true });

        noCache.ShouldBe((200, "HIT", "trips #1"));
        noStore.ShouldBe((200, "HIT", "trips #1"));
    }
}
