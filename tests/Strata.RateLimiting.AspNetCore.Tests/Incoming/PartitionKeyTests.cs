using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Strata.RateLimiting.AspNetCore.Tests.Fakes;
using Strata.Testing;

namespace Strata.RateLimiting.AspNetCore.Tests.Incoming;

public sealed class PartitionKeyTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ConcurrentQueue<string> _partitions = new();

    [Fact]
    public async Task ClientIp_WithoutForwardedHeadersMiddleware_IgnoresXForwardedFor()
    {
        await using var app = await StartAsync(HttpPartitionKeys.ClientIp(), app => app.Use(FromLoopback));

        using var first = await GetAsync(app, "/", ("X-Forwarded-For", "203.0.113.5"));
        using var second = await GetAsync(app, "/", ("X-Forwarded-For", "198.51.100.7"));

        _partitions.ShouldBe(["ip:127.0.0.1"]);
        second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ClientIp_BehindForwardedHeadersMiddleware_UsesTheForwardedClient()
    {
        await using var app = await StartAsync(HttpPartitionKeys.ClientIp(), app => app
            .Use(FromLoopback)
            .UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor }));

        using var first = await GetAsync(app, "/", ("X-Forwarded-For", "203.0.113.5"));
        using var second = await GetAsync(app, "/", ("X-Forwarded-For", "198.51.100.7"));
        using var third = await GetAsync(app, "/", ("X-Forwarded-For", "203.0.113.5"));

        _partitions.Order().ShouldBe(["ip:198.51.100.7", "ip:203.0.113.5"]);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        third.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ApiKey_ConfiguredHeader_OnePartitionPerKey_HashedAndFallingBackToIp()
    {
        await using var app = await StartAsync(HttpPartitionKeys.ApiKey("X-Client-Key"), app => app.Use(FromLoopback));

        using var alpha = await GetAsync(app, "/", ("X-Client-Key", "alpha-secret"));
        using var beta = await GetAsync(app, "/", ("X-Client-Key", "beta-secret"));
        using var alphaAgain = await GetAsync(app, "/", ("X-Client-Key", "alpha-secret"));
        using var otherHeader = await GetAsync(app, "/", ("X-Api-Key", "alpha-secret"));

        alpha.StatusCode.ShouldBe(HttpStatusCode.OK);
        beta.StatusCode.ShouldBe(HttpStatusCode.OK);
        alphaAgain.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        otherHeader.StatusCode.ShouldBe(HttpStatusCode.OK);
        _partitions.Count.ShouldBe(3);
        _partitions.Count(p => p.StartsWith("apikey:", StringComparison.Ordinal)).ShouldBe(2);
        _partitions.ShouldContain("ip:127.0.0.1");
        _partitions.ShouldAllBe(p => !p.Contains("secret"));
    }

    [Fact]
    public async Task User_Authenticated_OnePartitionPerClaim_AnonymousFallsBackToIp()
    {
        await using var app = await StartAsync(HttpPartitionKeys.User(), app => app.Use(FromLoopback).Use(SignInFromTestHeader));

        using var u1 = await GetAsync(app, "/", ("X-Test-User", "u1"));
        using var u2 = await GetAsync(app, "/", ("X-Test-User", "u2"));
        using var anonymous = await GetAsync(app, "/");
        using var u1Again = await GetAsync(app, "/", ("X-Test-User", "u1"));

        _partitions.Order().ShouldBe(["ip:127.0.0.1", "user:u1", "user:u2"]);
        u2.StatusCode.ShouldBe(HttpStatusCode.OK);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.OK);
        u1Again.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Route_OnePartitionPerRoutePattern()
    {
        await using var app = await StartAsync(HttpPartitionKeys.Route);

        using var item1 = await app.Client.GetAsync("/items/1");
        using var item2 = await app.Client.GetAsync("/items/2");
        using var orders = await app.Client.GetAsync("/orders");

        _partitions.Order().ShouldBe(["route:/items/{id}", "route:/orders"]);
        item1.StatusCode.ShouldBe(HttpStatusCode.OK);
        item2.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        orders.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Combine_UserAndRoute_PartitionsByBoth()
    {
        await using var app = await StartAsync(
            HttpPartitionKeys.Combine(HttpPartitionKeys.User(), HttpPartitionKeys.Route),
            app => app.Use(FromLoopback).Use(SignInFromTestHeader));

        using var a = await GetAsync(app, "/orders", ("X-Test-User", "u1"));
        using var b = await GetAsync(app, "/items/7", ("X-Test-User", "u1"));

        _partitions.Order().ShouldBe(["user:u1|route:/items/{id}", "user:u1|route:/orders"]);
    }

    [Theory]
    [InlineData("203.0.113.7", 64, "ip:203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", 64, "ip:203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64, "ip:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 48, "ip:2001:db8:1::/48")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 60, "ip:2001:db8:1::/60")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 128, "ip:2001:db8:1:2:aaaa:bbbb:cccc:dddd")]
    public void ClientIp_Address_FormatsKey(string address, int prefix, string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);

        HttpPartitionKeys.ClientIp(prefix)(context).ShouldBe(expected);
    }

    [Fact]
    public void ClientIp_NoAddress_IsUnknown() =>
        HttpPartitionKeys.ClientIp()(new DefaultHttpContext()).ShouldBe("ip:unknown");

    [Fact]
    public void Route_NoEndpoint_IsOnePartitionForAllUnmatched() =>
        HttpPartitionKeys.Route(new DefaultHttpContext()).ShouldBe("route:(unmatched)");

    private static Task FromLoopback(HttpContext context, RequestDelegate next)
    {
        // TestHost has no socket; play a reverse proxy on loopback (a default KnownNetworks entry).
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        return next(context);
    }

    private static Task SignInFromTestHeader(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers["X-Test-User"] is [{ } id])
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "test"));
        }

        return next(context);
    }

    private static Task<HttpResponseMessage> GetAsync(TestApp app, string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return app.Client.SendAsync(request);
    }

    private Task<TestApp> StartAsync(Func<HttpContext, string> partitionKey, Action<IApplicationBuilder>? before = null) =>
        TestApp.StartAsync(
            o => o.UseStrataRejection().AddStrataPolicy("p", partitionKey, key =>
            {
                _partitions.Enqueue(key);
                return new FixedWindowQuotaLimiter("p", 1, TimeSpan.FromMinutes(1), _clock);
            }),
            e =>
            {
                e.MapGet("/", () => "ok").RequireRateLimiting("p");
                e.MapGet("/items/{id}", (string id) => id).RequireRateLimiting("p");
                e.MapGet("/orders", () => "orders").RequireRateLimiting("p");
            },
            before);
}
