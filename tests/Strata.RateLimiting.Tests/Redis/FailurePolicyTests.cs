using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Strata.RateLimiting.Tests.Infrastructure;
using Strata.Resp;
using Strata.Testing;

namespace Strata.RateLimiting.Tests.Redis;

/// <summary>
/// Redis unreachable (killed, paused, never there): each failure policy decides as configured, synchronously too, and
/// the limiter goes back to Redis once it answers again. Each test owns its server, since it breaks it.
/// </summary>
public sealed class FailurePolicyTests
{
    [Fact]
    public async Task FailOpen_ServerKilled_Admits()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await RespClient.ConnectAsync(server.ConnectionString);
        using var limiter = Gcra(1, Options(client, RedisFailurePolicy.FailOpen), new ManualTimeProvider());
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeFalse();

        await server.KillAsync();
        var leases = new List<RateLimitLease>();
        for (var i = 0; i < 3; i++)
        {
            leases.Add(await limiter.AcquireAsync("p"));
        }

        leases.ShouldAllBe(l => l.IsAcquired);
        leases[0].Quota().Remaining.ShouldBe(1);
        using var sync = limiter.AttemptAcquire("p");
        sync.IsAcquired.ShouldBeTrue("while Redis is known to be down, AttemptAcquire answers with the failure policy");
    }

    [Fact]
    public async Task AttemptAcquire_WhileRedisIsUp_IsMarkedUndecided_AndAFailurePolicyAnswerIsNot()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await RespClient.ConnectAsync(server.ConnectionString);
        using var limiter = Gcra(5, Options(client, RedisFailurePolicy.FailOpen), new ManualTimeProvider());

        using var pending = limiter.AttemptAcquire("p");
        pending.IsAcquired.ShouldBeFalse();
        pending.TryGetMetadata(StrataMetadataNames.Undecided, out var undecided).ShouldBeTrue();
        undecided.ShouldBeTrue();
        pending.MetadataNames.ShouldContain(StrataMetadataNames.Undecided.Name);
        using var decided = await limiter.AcquireAsync("p");
        decided.TryGetMetadata(StrataMetadataNames.Undecided, out _).ShouldBeFalse();

        await server.KillAsync();
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();
        using var answered = limiter.AttemptAcquire("p");
        answered.IsAcquired.ShouldBeTrue();
        answered.TryGetMetadata(StrataMetadataNames.Undecided, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task FailClosed_ServerKilled_RejectsWithTheRetryInterval()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await RespClient.ConnectAsync(server.ConnectionString);
        var options = Options(client, RedisFailurePolicy.FailClosed);
        options.RetryInterval = TimeSpan.FromSeconds(2);
        using var limiter = Gcra(10, options, new ManualTimeProvider());
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();

        await server.KillAsync();
        using var first = await limiter.AcquireAsync("p");
        using var second = await limiter.AcquireAsync("p");

        first.IsAcquired.ShouldBeFalse();
        second.IsAcquired.ShouldBeFalse();
        second.RetryAfter().ShouldBe(TimeSpan.FromSeconds(2));
        limiter.AttemptAcquire("p").IsAcquired.ShouldBeFalse();
    }

    [Fact]
    public async Task FallbackToLocal_ServerKilled_AllowsTheLimitDividedByTheNodes()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await RespClient.ConnectAsync(server.ConnectionString);
        var options = Options(client, RedisFailurePolicy.FallbackToLocal);
        options.ExpectedNodeCount = 4;
        using var limiter = Gcra(20, options, new ManualTimeProvider());

        await server.KillAsync();
        var admitted = 0;
        for (var i = 0; i < 20; i++)
        {
            using var lease = await limiter.AcquireAsync("p");
            admitted += lease.IsAcquired ? 1 : 0;
        }

        admitted.ShouldBe(5);
        using var rejected = await limiter.AcquireAsync("p");
        rejected.Quota().Limit.ShouldBe(5);
        rejected.RetryAfter().ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(RedisFailurePolicy.FailOpen, 3)]
    [InlineData(RedisFailurePolicy.FailClosed, 0)]
    [InlineData(RedisFailurePolicy.FallbackToLocal, 2)]
    public async Task ClosedPort_EachPolicyDecidesWithoutWaiting(RedisFailurePolicy policy, int expectedAdmitted)
    {
        // Nothing listens there: the client keeps reconnecting in the background; the limiter must not wait for it.
        await using var client = RespClient.Create(new RespClientOptions { Host = "127.0.0.1", Port = ClosedPort() });
        var options = Options(client, policy);
        options.ExpectedNodeCount = 2;
        using var limiter = Gcra(4, options, new ManualTimeProvider());

        var admitted = 0;
        for (var i = 0; i < 3; i++)
        {
            using var lease = await limiter.AcquireAsync("p");
            admitted += lease.IsAcquired ? 1 : 0;
        }

        admitted.ShouldBe(expectedAdmitted);
    }

    [Fact]
    public async Task PausedServer_DecisionTimesOut_ThenFailurePolicyApplies()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await RespClient.ConnectAsync(server.ConnectionString);
        var clock = new ManualTimeProvider();
        var options = Options(client, RedisFailurePolicy.FailClosed);
        options.OperationTimeout = TimeSpan.FromMilliseconds(250);
        using var limiter = Gcra(10, options, clock);
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();

        server.Pause();
        try
        {
            var pending = limiter.AcquireAsync("p").AsTask();
            pending.IsCompleted.ShouldBeFalse();
            clock.Advance(TimeSpan.FromMilliseconds(250));
            using var lease = await pending;
            lease.IsAcquired.ShouldBeFalse();
            lease.RetryAfter().ShouldBe(options.RetryInterval);
        }
        finally
        {
            server.Resume();
        }
    }

    [Fact]
    public async Task ServerBack_DecisionsGoToRedisAgain()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await RespClient.ConnectAsync(server.ConnectionString);
        var clock = new ManualTimeProvider();
        using var limiter = Gcra(1, Options(client, RedisFailurePolicy.FailOpen), clock);
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionRestored += (_, _) => restored.TrySetResult();

        await server.KillAsync();
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();
        await server.RestartAsync();
        await restored.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(1));

        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeFalse("Redis decides again: the limit of 1 applies");
    }

    [Fact]
    public async Task ScriptFlushed_ReloadsTheScript()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await RespClient.ConnectAsync(server.ConnectionString);
        using var limiter = Gcra(2, Options(client, RedisFailurePolicy.FailClosed), new ManualTimeProvider());
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();

        await client.ExecuteAsync("SCRIPT", "FLUSH");

        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeFalse();
    }

    private static RedisRateLimiterOptions Options(RespClient client, RedisFailurePolicy policy) => new()
    {
        Client = client,
        FailurePolicy = policy,
    };

    private static StrataPartitionedRateLimiter Gcra(int limit, RedisRateLimiterOptions redis, TimeProvider clock) =>
        StrataRateLimiter.CreateGcra(
            new GcraRateLimiterOptions { PolicyName = "supplier-search", PermitLimit = limit, Window = TimeSpan.FromMinutes(1), TimeProvider = clock }, redis);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
