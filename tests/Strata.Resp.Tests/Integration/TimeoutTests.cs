using Strata.Resp.Tests.Fakes;
using Strata.Testing;

namespace Strata.Resp.Tests.Integration;

/// <summary>Timeouts and cancellations leave the reply queue in step: later callers still get their own replies.</summary>
public sealed class TimeoutTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Timeout_WhileServerSleeps_LaterRepliesStillMatch()
    {
        var logs = new CapturingLoggerFactory();
        var options = RespClientOptions.Parse(fixture.ConnectionString);
        options.CommandTimeout = TimeSpan.FromMilliseconds(300);
        options.LoggerFactory = logs;
        await using var client = await RespClient.ConnectAsync(options);
        await client.SetAsync("t:1", "one");
        await client.SetAsync("t:2", "two");

        // Same connection, so the server runs DEBUG SLEEP before the GET: both replies come late.
        var sleep = client.ExecuteAsync("DEBUG", "SLEEP", "1");
        var late = client.GetAsync("t:1").AsTask();

        (await Should.ThrowAsync<RespTimeoutException>(sleep)).Message.ShouldContain("in flight");
        var timeout = await Should.ThrowAsync<RespTimeoutException>(late);
        timeout.Message.ShouldContain("GET timed out");
        // The sweep fails the commands first and logs right after, on its own thread: wait (bounded) for the line.
        for (var i = 0; i < 500 && !logs.Entries.Any(static entry => entry.EventId.Id == 1009); i++)
        {
            await Task.Yield();
            Thread.Sleep(2);
        }

        logs.Entries.ShouldContain(static entry => entry.EventId.Id == 1009 && entry.Message.Contains("timed out"));

        var answer = await RetryThroughTimeoutsAsync(() => client.GetAsync("t:2").AsTask());
        answer.ShouldBe("two");
        (await client.GetAsync("t:1")).ShouldBe("one");
    }

    [Fact]
    public async Task Cancel_WhileServerSleeps_ThrowsCanceledAndLaterRepliesStillMatch()
    {
        var options = RespClientOptions.Parse(fixture.ConnectionString);
        options.CommandTimeout = TimeSpan.FromSeconds(10);
        await using var client = await RespClient.ConnectAsync(options);
        await client.SetAsync("c:1", "one");
        await client.SetAsync("c:2", "two");
        using var cancellation = new CancellationTokenSource();

        var sleep = client.ExecuteAsync("DEBUG", ["SLEEP", "0.5"], CancellationToken.None);
        var cancelled = client.GetAsync("c:1", cancellation.Token).AsTask();
        var next = client.GetAsync("c:2").AsTask();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(cancelled);
        (await sleep).AsString().ShouldBe("OK");
        (await next).ShouldBe("two");
        (await client.GetAsync("c:1")).ShouldBe("one");
    }

    [Fact]
    public async Task AlreadyCancelledToken_SendsNothing()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await client.IncrAsync("never", cancellation.Token));

        (await client.GetAsync("never")).ShouldBeNull();
    }

    // Keeps asking until a reply comes in time; any reply that arrives must be the right one.
    private static async Task<T> RetryThroughTimeoutsAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RespTimeoutException) when (attempt < 50)
            {
            }
        }
    }
}
