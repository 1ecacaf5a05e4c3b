using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.RateLimiting.AspNetCore.Tests.Fakes;
using Strata.Testing;

namespace Strata.RateLimiting.AspNetCore.Tests.Incoming;

public sealed class RejectionTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task StrataLimiter_Acquired_WritesRateLimitAndPolicyFields()
    {
        await using var app = await StartSearchAppAsync(limit: 2);

        using var response = await app.Client.GetAsync("/search");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestApp.Field(response, "RateLimit-Policy").ShouldBe("\"search\";q=2;w=60");
        TestApp.Field(response, "RateLimit").ShouldBe("\"search\";r=1;t=60");
        TestApp.Field(response, "Retry-After").ShouldBeNull();
    }

    [Fact]
    public async Task StrataLimiter_Rejected_Writes429RetryAfterRoundedUpAndRateLimitFields()
    {
        await using var app = await StartSearchAppAsync(limit: 2);
        (await app.Client.GetAsync("/search")).Dispose();
        (await app.Client.GetAsync("/search")).Dispose();
        _clock.Advance(TimeSpan.FromSeconds(20.5));

        using var response = await app.Client.GetAsync("/search");

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        // 39.5 s left in the window: rounded up, never down.
        TestApp.Field(response, "Retry-After").ShouldBe("40");
        TestApp.Field(response, "RateLimit-Policy").ShouldBe("\"search\";q=2;w=60");
        TestApp.Field(response, "RateLimit").ShouldBe("\"search\";r=0;t=40");
    }

    [Fact]
    public async Task StrataLimiter_Rejected_WritesQuotaExceededProblemBody()
    {
        await using var app = await StartSearchAppAsync(limit: 1);
        (await app.Client.GetAsync("/search")).Dispose();

        using var response = await app.Client.GetAsync("/search");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        root.GetProperty("type").GetString().ShouldBe("https://iana.org/assignments/http-problem-types#quota-exceeded");
        root.GetProperty("title").GetString().ShouldBe("Quota exceeded");
        root.GetProperty("status").GetInt32().ShouldBe(429);
        root.GetProperty("detail").GetString()!.ShouldContain("60 second");
        root.GetProperty("violated-policies").EnumerateArray().Select(e => e.GetString()).ShouldBe(["search"]);
        root.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task FrameworkGlobalTokenBucket_WithoutQuotaMetadata_WritesRetryAfterOnly()
    {
        await using var app = await TestApp.StartAsync(
            o =>
            {
                o.UseStrataRejection();
                o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(_ =>
                    RateLimitPartition.GetTokenBucketLimiter("all", _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = 1,
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                        AutoReplenishment = false,
                        QueueLimit = 0,
                    }));
            },
            e => e.MapGet("/", () => "ok"));

        using var first = await app.Client.GetAsync("/");
        using var second = await app.Client.GetAsync("/");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestApp.Field(first, "RateLimit").ShouldBeNull();
        second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        TestApp.Field(second, "Retry-After").ShouldBe("10");
        TestApp.Field(second, "RateLimit").ShouldBeNull();
        TestApp.Field(second, "RateLimit-Policy").ShouldBeNull();
        using var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        body.RootElement.TryGetProperty("violated-policies", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task FrameworkFixedWindowPolicy_Rejected_Gets429InsteadOf503()
    {
        await using var app = await TestApp.StartAsync(
            o => o.UseStrataRejection().AddFixedWindowLimiter("fixed", w =>
            {
                w.PermitLimit = 1;
                w.Window = TimeSpan.FromMinutes(1);
                w.QueueLimit = 0;
            }),
            e => e.MapGet("/", () => "ok").RequireRateLimiting("fixed"));

        (await app.Client.GetAsync("/")).Dispose();
        using var rejected = await app.Client.GetAsync("/");

        rejected.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        TestApp.Field(rejected, "Retry-After").ShouldNotBeNull();
        TestApp.Field(rejected, "RateLimit").ShouldBeNull();
    }

    [Fact]
    public async Task FrameworkConcurrencyLimiter_Rejected_WritesNeitherRetryAfterNorFields()
    {
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestApp.StartAsync(
            o => o.UseStrataRejection().AddStrataPolicy(
                "one", _ => "all", _ => new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 })),
            e => e.MapGet("/", async () =>
            {
                inFlight.TrySetResult();
                await release.Task;
                return "ok";
            }).RequireRateLimiting("one"));

        var first = app.Client.GetAsync("/");
        await inFlight.Task;
        using var second = await app.Client.GetAsync("/");
        release.SetResult();
        using var firstResponse = await first;

        second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        TestApp.Field(second, "Retry-After").ShouldBeNull();
        TestApp.Field(second, "RateLimit").ShouldBeNull();
        firstResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UseStrataRejection_PreviousOnRejectedWritesBody_KeepsHeadersAndSkipsProblemBody()
    {
        await using var app = await TestApp.StartAsync(
            o =>
            {
                o.OnRejected = (context, token) => new ValueTask(context.HttpContext.Response.WriteAsync("custom", token));
                o.UseStrataRejection();
                o.AddStrataPolicy("search", _ => "all", _ => new FixedWindowQuotaLimiter("search", 1, TimeSpan.FromMinutes(1), _clock));
            },
            e => e.MapGet("/search", () => "ok").RequireRateLimiting("search"));
        (await app.Client.GetAsync("/search")).Dispose();

        using var response = await app.Client.GetAsync("/search");

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        TestApp.Field(response, "Retry-After").ShouldBe("60");
        (await response.Content.ReadAsStringAsync()).ShouldBe("custom");
    }

    [Fact]
    public async Task UseStrataRejection_CalledTwice_WritesHeadersOnce()
    {
        await using var app = await TestApp.StartAsync(
            o => o.UseStrataRejection().UseStrataRejection()
                .AddStrataPolicy("search", _ => "all", _ => new FixedWindowQuotaLimiter("search", 1, TimeSpan.FromMinutes(1), _clock)),
            e => e.MapGet("/search", () => "ok").RequireRateLimiting("search"));
        (await app.Client.GetAsync("/search")).Dispose();

        using var response = await app.Client.GetAsync("/search");

        TestApp.Field(response, "RateLimit").ShouldBe("\"search\";r=0;t=60");
        TestApp.Field(response, "Retry-After").ShouldBe("60");
    }

    [Fact]
    public async Task UseStrataRejection_CustomStatusWithoutBody_UsesThem()
    {
        await using var app = await TestApp.StartAsync(
            o => o
                .UseStrataRejection(r =>
                {
                    r.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
                    r.WriteProblemDetails = false;
                    r.WriteRateLimitFields = false;
                })
                .AddStrataPolicy("search", _ => "all", _ => new FixedWindowQuotaLimiter("search", 1, TimeSpan.FromMinutes(1), _clock)),
            e => e.MapGet("/search", () => "ok").RequireRateLimiting("search"));
        (await app.Client.GetAsync("/search")).Dispose();

        using var response = await app.Client.GetAsync("/search");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        TestApp.Field(response, "Retry-After").ShouldBe("60");
        TestApp.Field(response, "RateLimit").ShouldBeNull();
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddStrataPolicy_WithPartitioner_WritesFieldsOnAcquiredAndRejected()
    {
        await using var app = await TestApp.StartAsync(
            o => o.UseStrataRejection().AddStrataPolicy("p", context =>
                RateLimitPartition.Get("all", _ => new FixedWindowQuotaLimiter("per-minute", 1, TimeSpan.FromMinutes(1), _clock))),
            e => e.MapGet("/", () => "ok").RequireRateLimiting("p"));

        using var first = await app.Client.GetAsync("/");
        using var second = await app.Client.GetAsync("/");

        TestApp.Field(first, "RateLimit").ShouldBe("\"per-minute\";r=0;t=60");
        second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        TestApp.Field(second, "RateLimit").ShouldBe("\"per-minute\";r=0;t=60");
    }

    [Fact]
    public async Task AddStrataPolicy_WithoutHeadersMiddleware_StillRejectsButWritesNothingOnSuccess()
    {
        var host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(s => s.AddRouting().AddRateLimiter(o => o.UseStrataRejection().AddStrataPolicy(
                    "search", _ => "all", _ => new FixedWindowQuotaLimiter("search", 1, TimeSpan.FromMinutes(1), _clock))))
                .Configure(a => a.UseRouting().UseRateLimiter().UseEndpoints(e => e.MapGet("/", () => "ok").RequireRateLimiting("search"))))
            .Build();
        await host.StartAsync();
        using var client = host.GetTestClient();

        using var first = await client.GetAsync("/");
        using var second = await client.GetAsync("/");

        TestApp.Field(first, "RateLimit").ShouldBeNull();
        second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        TestApp.Field(second, "RateLimit").ShouldBe("\"search\";r=0;t=60");
        await host.StopAsync();
        host.Dispose();
    }

    [Fact]
    public async Task AddStrataPolicy_OverSharedPartitionedLimiter_AcquiresWithEachRequestsResource()
    {
        var shared = new KeyedQuotaLimiter("tenant", 1, TimeSpan.FromMinutes(1), _clock);
        await using var app = await TestApp.StartAsync(
            o => o.UseStrataRejection().AddStrataPolicy("tenant", c => "tenant:" + c.Request.Headers["X-Tenant"], shared),
            e => e.MapGet("/", () => "ok").RequireRateLimiting("tenant"));

        using var a1 = await Send(app, "a");
        using var b1 = await Send(app, "b");
        using var a2 = await Send(app, "a");

        a1.StatusCode.ShouldBe(HttpStatusCode.OK);
        b1.StatusCode.ShouldBe(HttpStatusCode.OK);
        a2.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        TestApp.Field(b1, "RateLimit").ShouldBe("\"tenant\";r=0;t=60");
        shared.Resources.Distinct().Order().ShouldBe(["tenant:a", "tenant:b"]);

        static Task<HttpResponseMessage> Send(TestApp app, string tenant)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("X-Tenant", tenant);
            return app.Client.SendAsync(request);
        }
    }

    [Fact]
    public async Task StrataGlobalLimiterAndEndpointPolicy_ListBothPolicies()
    {
        var global = new KeyedQuotaLimiter("global", 10, TimeSpan.FromHours(1), _clock);
        await using var app = await TestApp.StartAsync(
            o => o.UseStrataRejection()
                .UseStrataGlobalLimiter(_ => "all", global)
                .AddStrataPolicy("search", _ => "all", _ => new FixedWindowQuotaLimiter("search", 1, TimeSpan.FromMinutes(1), _clock)),
            e => e.MapGet("/search", () => "ok").RequireRateLimiting("search"));

        using var first = await app.Client.GetAsync("/search");
        using var second = await app.Client.GetAsync("/search");

        TestApp.Field(first, "RateLimit-Policy").ShouldBe("\"global\";q=10;w=3600, \"search\";q=1;w=60");
        TestApp.Field(first, "RateLimit").ShouldBe("\"global\";r=9;t=3600, \"search\";r=0;t=60");
        second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        // The global limiter admitted the request, the endpoint policy refused it. ASP.NET Core acquires the global
        // limiter twice when the endpoint refuses (an attempt, then a wait), so 2 permits went: one item, the latest.
        TestApp.Field(second, "RateLimit").ShouldBe("\"global\";r=7;t=3600, \"search\";r=0;t=60");
        TestApp.Field(second, "Retry-After").ShouldBe("60");
    }

    [Fact]
    public async Task StrataGlobalLimiter_PerKeyFactory_RejectsWithFields()
    {
        await using var app = await TestApp.StartAsync(
            o => o.UseStrataRejection().UseStrataGlobalLimiter(
                _ => "all", _ => new FixedWindowQuotaLimiter("global", 1, TimeSpan.FromSeconds(30), _clock)),
            e => e.MapGet("/", () => "ok"));

        using var first = await app.Client.GetAsync("/");
        using var second = await app.Client.GetAsync("/");

        TestApp.Field(first, "RateLimit").ShouldBe("\"global\";r=0;t=30");
        second.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        TestApp.Field(second, "Retry-After").ShouldBe("30");
    }

    private Task<TestApp> StartSearchAppAsync(long limit) =>
        TestApp.StartAsync(
            o => o.UseStrataRejection().AddStrataPolicy(
                "search", _ => "all", _ => new FixedWindowQuotaLimiter("search", limit, TimeSpan.FromMinutes(1), _clock)),
            e => e.MapGet("/search", () => "ok").RequireRateLimiting("search"));
}
