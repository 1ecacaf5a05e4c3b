using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strata.RateLimiting.AspNetCore.Tests.Fakes;
using Strata.Testing;

namespace Strata.RateLimiting.AspNetCore.Tests.Outgoing;

/// <summary>
/// The handler against a real upstream, on a manual clock: tests move time and count what reached the upstream,
/// and never sleep.
/// </summary>
public sealed class OutgoingHandlerTests : IClassFixture<UpstreamServer>, IAsyncLifetime
{
    private readonly UpstreamServer _upstream;
    private readonly ManualTimeProvider _clock = new();
    private ServiceProvider? _services;

    public OutgoingHandlerTests(UpstreamServer upstream)
    {
        _upstream = upstream;
        _upstream.Reset();
    }

    [Fact]
    public async Task Upstream429WithRetryAfterSeconds_SendsNothingToThePartitionBeforeThen()
    {
        _upstream.Respond = FirstRequestGets(StatusCodes.Status429TooManyRequests, ("Retry-After", "30"));
        var client = CreateClient();

        using var throttled = await client.GetAsync("search");
        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        await ShouldBeHeldAsync(client, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Upstream429WithRetryAfterHttpDate_HoldsUntilThatDate()
    {
        _upstream.Respond = (context, number) =>
        {
            if (number == 1)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = (_clock.GetUtcNow() + TimeSpan.FromSeconds(45)).ToString("R", CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        };
        var client = CreateClient(o => o.MaxWait = TimeSpan.FromMinutes(1));
        (await client.GetAsync("search")).Dispose();

        await ShouldBeHeldAsync(client, TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task Upstream503WithRetryAfter_Holds()
    {
        _upstream.Respond = FirstRequestGets(StatusCodes.Status503ServiceUnavailable, ("Retry-After", "12"));
        var client = CreateClient();
        (await client.GetAsync("search")).Dispose();

        await ShouldBeHeldAsync(client, TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task Upstream503WithoutHints_DoesNotHold()
    {
        _upstream.Respond = FirstRequestGets(StatusCodes.Status503ServiceUnavailable);
        var client = CreateClient();
        (await client.GetAsync("search")).Dispose();

        using var next = await client.GetAsync("search");

        next.StatusCode.ShouldBe(HttpStatusCode.OK);
        _upstream.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task Upstream429WithXRateLimitResetAsUnixTime_HoldsUntilThen()
    {
        _upstream.Respond = (context, number) =>
        {
            if (number == 1)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                var reset = (_clock.GetUtcNow() + TimeSpan.FromSeconds(20)).ToUnixTimeSeconds();
                context.Response.Headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        };
        var client = CreateClient();
        (await client.GetAsync("search")).Dispose();

        await ShouldBeHeldAsync(client, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Upstream429WithXRateLimitResetAsDelta_HoldsThatLong()
    {
        _upstream.Respond = FirstRequestGets(StatusCodes.Status429TooManyRequests, ("X-RateLimit-Reset", "8"));
        var client = CreateClient();
        (await client.GetAsync("search")).Dispose();

        await ShouldBeHeldAsync(client, TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Upstream429WithRateLimitField_HoldsForTheExhaustedPolicysWindow()
    {
        _upstream.Respond = FirstRequestGets(
            StatusCodes.Status429TooManyRequests, ("RateLimit", "\"burst\";r=3;t=2, \"daily\";r=0;t=15"));
        var client = CreateClient();
        (await client.GetAsync("search")).Dispose();

        await ShouldBeHeldAsync(client, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task SuccessWithExhaustedRateLimit_HoldsUntilTheWindowEnds()
    {
        _upstream.Respond = FirstRequestGets(StatusCodes.Status200OK, ("RateLimit", "\"default\";r=0;t=5"));
        var client = CreateClient();
        using var ok = await client.GetAsync("search");
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);

        await ShouldBeHeldAsync(client, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task UpstreamHoldLongerThanTheCap_IsCappedToMaxUpstreamHold()
    {
        _upstream.Respond = FirstRequestGets(StatusCodes.Status429TooManyRequests, ("Retry-After", "3600"));
        var client = CreateClient(o => o.MaxUpstreamHold = TimeSpan.FromSeconds(10));
        (await client.GetAsync("search")).Dispose();

        await ShouldBeHeldAsync(client, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task MaxUpstreamHoldZero_IgnoresUpstreamHints()
    {
        _upstream.Respond = FirstRequestGets(StatusCodes.Status429TooManyRequests, ("Retry-After", "30"));
        var client = CreateClient(o => o.MaxUpstreamHold = TimeSpan.Zero);
        (await client.GetAsync("search")).Dispose();

        using var next = await client.GetAsync("search");

        next.StatusCode.ShouldBe(HttpStatusCode.OK);
        _upstream.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task UpstreamHoldBeyondMaxWait_ThrowsRateLimitExceededAtOnce_WithoutSending()
    {
        _upstream.Respond = FirstRequestGets(StatusCodes.Status429TooManyRequests, ("Retry-After", "120"));
        var client = CreateClient(o => o.MaxWait = TimeSpan.FromSeconds(5));
        (await client.GetAsync("search")).Dispose();

        var error = await Should.ThrowAsync<RateLimitExceededException>(() => client.GetAsync("search"));

        error.PartitionKey.ShouldBe(_upstream.Authority);
        error.Reason.ShouldBe(RateLimitExceededReason.UpstreamHold);
        error.MaxWait.ShouldBe(TimeSpan.FromSeconds(5));
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(120));
        error.Message.ShouldContain($"'{_upstream.Authority}'");
        error.Message.ShouldContain("5 s");
        _upstream.RequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task HoldIsPerPartition_OtherPartitionsKeepSending()
    {
        _upstream.Respond = (context, _) =>
        {
            if (context.Request.Path == "/a")
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "30";
            }

            return Task.CompletedTask;
        };
        var client = CreateClient(o => o.PartitionKeySelector = r => r.RequestUri!.AbsolutePath);
        (await client.GetAsync("a")).Dispose();

        var heldA = client.GetAsync("a");
        using var b = await client.GetAsync("b");

        b.StatusCode.ShouldBe(HttpStatusCode.OK);
        heldA.IsCompleted.ShouldBeFalse();
        _upstream.RequestCount.ShouldBe(2);
        _clock.Advance(TimeSpan.FromSeconds(30));
        (await heldA).Dispose();
        _upstream.RequestCount.ShouldBe(3);
    }

    [Fact]
    public async Task LimiterRejectsWithRetryAfter_WaitsThatLongThenSends()
    {
        var limiter = new FixedWindowQuotaLimiter("supplier", 1, TimeSpan.FromSeconds(10), _clock);
        var client = CreateClient(o => o.Limiter = limiter);
        (await client.GetAsync("search")).Dispose();

        var second = client.GetAsync("search");

        second.IsCompleted.ShouldBeFalse();
        _clock.Advance(TimeSpan.FromSeconds(9));
        second.IsCompleted.ShouldBeFalse();
        _upstream.RequestCount.ShouldBe(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await second;
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _upstream.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task LimiterRetryAfterBeyondMaxWait_ThrowsRateLimitExceeded()
    {
        var limiter = new FixedWindowQuotaLimiter("supplier", 1, TimeSpan.FromMinutes(1), _clock);
        var client = CreateClient(o =>
        {
            o.Limiter = limiter;
            o.MaxWait = TimeSpan.FromSeconds(5);
        });
        (await client.GetAsync("search")).Dispose();

        var error = await Should.ThrowAsync<RateLimitExceededException>(() => client.GetAsync("search"));

        error.Reason.ShouldBe(RateLimitExceededReason.LimiterRejected);
        error.RetryAfter.ShouldBe(TimeSpan.FromMinutes(1));
        _upstream.RequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task UndecidedLimiter_WithMaxWaitZero_IsAskedForADecisionAndSends()
    {
        var limiter = new UndecidedLimiter(limit: 1, retryAfter: TimeSpan.FromSeconds(10));
        var client = CreateClient(o =>
        {
            o.Limiter = limiter;
            o.MaxWait = TimeSpan.Zero;
        });

        using var response = await client.GetAsync("search");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        limiter.Decisions.ShouldBe(1);
        _upstream.RequestCount.ShouldBe(1);

        var error = await Should.ThrowAsync<RateLimitExceededException>(() => client.GetAsync("search"));
        error.Reason.ShouldBe(RateLimitExceededReason.LimiterRejected);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(10));
        limiter.Decisions.ShouldBe(2);
        _upstream.RequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task PartitionedLimiter_FromFramework_IsAskedPerRequest()
    {
        using var limiter = PartitionedRateLimiter.Create<HttpRequestMessage, string>(r =>
            RateLimitPartition.GetFixedWindowLimiter(r.RequestUri!.AbsolutePath, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = 1,
                Window = TimeSpan.FromHours(1),
                QueueLimit = 0,
            }));
        var client = CreateClient(o =>
        {
            o.PartitionedLimiter = limiter;
            o.MaxWait = TimeSpan.FromSeconds(1);
        });

        (await client.GetAsync("a")).Dispose();
        (await client.GetAsync("b")).Dispose();
        await Should.ThrowAsync<RateLimitExceededException>(() => client.GetAsync("a"));

        _upstream.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task LimiterFactory_BuildsTheLimiterFromServices()
    {
        var client = CreateClient(
            o => o.LimiterFactory = sp => sp.GetRequiredService<PartitionedRateLimiter<HttpRequestMessage>>(),
            s => s.AddSingleton(PartitionedRateLimiter.Create<HttpRequestMessage, int>(_ =>
                RateLimitPartition.GetConcurrencyLimiter(0, _ => new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 }))));

        using var response = await client.GetAsync("search");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task QueueingLimiterThatGrantsNothingWithinMaxWait_ThrowsWaitTimedOut()
    {
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 1 });
        using var taken = limiter.AttemptAcquire();
        var client = CreateClient(o =>
        {
            o.Limiter = limiter;
            o.MaxWait = TimeSpan.FromSeconds(5);
        });

        var call = client.GetAsync("search");
        call.IsCompleted.ShouldBeFalse();
        _clock.Advance(TimeSpan.FromSeconds(5));

        var error = await Should.ThrowAsync<RateLimitExceededException>(() => call);
        error.Reason.ShouldBe(RateLimitExceededReason.WaitTimedOut);
        _upstream.RequestCount.ShouldBe(0);
    }

    [Fact]
    public async Task QueueingLimiterThatGrantsWithinMaxWait_Sends()
    {
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 1 });
        var taken = limiter.AttemptAcquire();
        var client = CreateClient(o => o.Limiter = limiter);

        var call = client.GetAsync("search");
        call.IsCompleted.ShouldBeFalse();
        taken.Dispose();

        using var response = await call;
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _upstream.RequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task CancellationWhileHeld_ThrowsOperationCanceled_AndSendsNothing()
    {
        _upstream.Respond = FirstRequestGets(StatusCodes.Status429TooManyRequests, ("Retry-After", "30"));
        var client = CreateClient();
        (await client.GetAsync("search")).Dispose();
        using var cancellation = new CancellationTokenSource();

        var held = client.GetAsync("search", cancellation.Token);
        held.IsCompleted.ShouldBeFalse();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => held);
        _clock.Advance(TimeSpan.FromSeconds(30));
        _upstream.RequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task CancellationWhileWaitingForPermit_ThrowsOperationCanceled()
    {
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 1 });
        using var taken = limiter.AttemptAcquire();
        var client = CreateClient(o => o.Limiter = limiter);
        using var cancellation = new CancellationTokenSource();

        var call = client.GetAsync("search", cancellation.Token);
        await cancellation.CancelAsync();

        var error = await Should.ThrowAsync<OperationCanceledException>(() => call);
        error.ShouldNotBeOfType<RateLimitExceededException>();
        _upstream.RequestCount.ShouldBe(0);
    }

    [Fact]
    public async Task SynchronousSend_HonoursTheHold()
    {
        _upstream.Respond = FirstRequestGets(StatusCodes.Status429TooManyRequests, ("Retry-After", "60"));
        var client = CreateClient(o => o.MaxWait = TimeSpan.FromSeconds(1));
        (await client.GetAsync("search")).Dispose();

        Should.Throw<RateLimitExceededException>(() => client.Send(new HttpRequestMessage(HttpMethod.Get, "search")));
        _upstream.RequestCount.ShouldBe(1);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    private static Func<HttpContext, int, Task> FirstRequestGets(int status, params (string Name, string Value)[] headers) =>
        (context, number) =>
        {
            if (number == 1)
            {
                context.Response.StatusCode = status;
                foreach (var (name, value) in headers)
                {
                    context.Response.Headers[name] = value;
                }
            }

            return Task.CompletedTask;
        };

    // The next call must not reach the upstream until the hold ends, and must once it has.
    private async Task ShouldBeHeldAsync(HttpClient client, TimeSpan hold)
    {
        var sentBefore = _upstream.RequestCount;
        var next = client.GetAsync("search");

        next.IsCompleted.ShouldBeFalse();
        _clock.Advance(hold - TimeSpan.FromSeconds(1));
        next.IsCompleted.ShouldBeFalse();
        _upstream.RequestCount.ShouldBe(sentBefore);

        _clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await next;
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _upstream.RequestCount.ShouldBe(sentBefore + 1);
    }

    private HttpClient CreateClient(Action<HttpClientRateLimitOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddHttpClient("supplier", c => c.BaseAddress = _upstream.BaseAddress)
            .AddStrataRateLimit(o =>
            {
                o.TimeProvider = _clock;
                configure?.Invoke(o);
            });
        _services = collection.BuildServiceProvider();
        return _services.GetRequiredService<IHttpClientFactory>().CreateClient("supplier");
    }
}
