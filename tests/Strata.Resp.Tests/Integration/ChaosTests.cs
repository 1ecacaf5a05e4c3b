using Strata.Testing;

namespace Strata.Resp.Tests.Integration;

/// <summary>The server killed, restarted or frozen under load: callers get exceptions, never wrong values, and the client recovers by itself.</summary>
public sealed class ChaosTests
{
    [Theory]
    [InlineData(RespProtocol.Resp3)]
    [InlineData(RespProtocol.Resp2)]
    public async Task KillAndRestart_MidLoad_InFlightFailAndClientRecovers(RespProtocol protocol)
    {
        await using var server = await RedisServer.StartAsync();
        var options = RespClientOptions.Parse(server.ConnectionString);
        options.Protocol = protocol;
        options.CommandTimeout = TimeSpan.FromSeconds(2);
        await using var client = await RespClient.ConnectAsync(options);
        var lost = Signal<Exception>(handler => client.ConnectionLost += (_, e) => handler(e));
        var restored = Signal<bool>(handler => client.ConnectionRestored += (_, _) => handler(true));

        var wrong = 0;
        var succeeded = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 20).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"chaos:{worker}";
                try
                {
                    await client.SetAsync(key, $"{worker}:{i}");
                    var value = await client.GetAsync(key);
                    if (value is not null && value != $"{worker}:{i}")
                    {
                        Interlocked.Increment(ref wrong);
                    }

                    Interlocked.Increment(ref succeeded);
                }
                catch (RespException)
                {
                    // Expected while the server is down: an exception, never a wrong value.
                }
            }
        })).ToArray();

        await WaitUntilAsync(() => Volatile.Read(ref succeeded) > 200);

        // Freeze the server first so this command is certainly written and unanswered when the process dies.
        server.Pause();
        var inFlight = client.GetAsync("chaos:0").AsTask();
        await server.KillAsync();
        (await lost.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeAssignableTo<Exception>();
        (await Should.ThrowAsync<RespConnectionException>(inFlight)).Message.ShouldContain("in flight");
        await server.RestartAsync();
        (await restored.WaitAsync(TimeSpan.FromSeconds(15))).ShouldBeTrue();
        var afterRestart = Volatile.Read(ref succeeded);
        await WaitUntilAsync(() => Volatile.Read(ref succeeded) > afterRestart + 200);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        wrong.ShouldBe(0);
        client.IsConnected.ShouldBeTrue();
        (await client.PingAsync()).ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
    }

    [Fact]
    public async Task FrozenServer_UnresponsiveTimeout_ConnectionReplacedAfterResume()
    {
        await using var server = await RedisServer.StartAsync();
        var options = RespClientOptions.Parse(server.ConnectionString);
        options.CommandTimeout = TimeSpan.FromSeconds(30);
        options.UnresponsiveTimeout = TimeSpan.FromMilliseconds(500);
        options.ConnectTimeout = TimeSpan.FromMilliseconds(500);
        await using var client = await RespClient.ConnectAsync(options);
        var restored = Signal<bool>(handler => client.ConnectionRestored += (_, _) => handler(true));
        await client.SetAsync("frozen", "before");

        server.Pause();
        Exception failure;
        try
        {
            // TCP stays up while the process is stopped: only the client's own silence detection can notice.
            failure = await Should.ThrowAsync<RespConnectionException>(async () => await client.GetAsync("frozen"));
        }
        finally
        {
            server.Resume();
        }

        failure.Message.ShouldContain("did not answer");
        (await restored.WaitAsync(TimeSpan.FromSeconds(15))).ShouldBeTrue();
        (await client.GetAsync("frozen")).ShouldBe("before");
    }

    [Fact]
    public async Task ServerDown_WaitForReconnectOff_FailsFast()
    {
        await using var server = await RedisServer.StartAsync();
        var options = RespClientOptions.Parse(server.ConnectionString);
        options.WaitForReconnect = false;
        await using var client = await RespClient.ConnectAsync(options);
        var lost = Signal<Exception>(handler => client.ConnectionLost += (_, e) => handler(e));

        await server.KillAsync();
        await lost.WaitAsync(TimeSpan.FromSeconds(10));

        var error = await Should.ThrowAsync<RespConnectionException>(async () => await client.GetAsync("any"));
        error.Message.ShouldContain("WaitForReconnect is off");
    }

    [Fact]
    public async Task Create_ServerNotYetUp_CommandsWaitForTheConnection()
    {
        var server = await RedisServer.StartAsync();
        var connectionString = server.ConnectionString;
        await server.KillAsync();
        var options = RespClientOptions.Parse(connectionString);
        options.CommandTimeout = TimeSpan.FromSeconds(20);
        await using var client = RespClient.Create(options);

        var pending = client.SetAsync("late", "arrived").AsTask();
        pending.IsCompleted.ShouldBeFalse();
        await server.RestartAsync();
        try
        {
            (await pending).ShouldBeTrue();
            (await client.GetAsync("late")).ShouldBe("arrived");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Connect_NothingListening_ThrowsConnectionException()
    {
        var port = PortAllocator.Next();
        var options = new RespClientOptions { Port = port, ConnectTimeout = TimeSpan.FromSeconds(2) };

        var error = await Should.ThrowAsync<RespConnectionException>(() => RespClient.ConnectAsync(options));

        error.Message.ShouldContain($"127.0.0.1:{port}");
    }

    private static TaskCompletionSource<T> Signal<T>(Action<Action<T>> subscribe)
    {
        var signal = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscribe(value => signal.TrySetResult(value));
        return signal;
    }

    // Progress is counted by the workers themselves; this only yields until they have made it (bounded).
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the workers made no progress");
            await Task.Yield();
            await Task.Delay(10);
        }
    }
}

internal static class SignalExtensions
{
    public static Task<T> WaitAsync<T>(this TaskCompletionSource<T> signal, TimeSpan timeout) => signal.Task.WaitAsync(timeout);
}
