using Strata.RateLimiting.Tests.Infrastructure;
using Strata.Resp;
using Strata.Testing;

namespace Strata.RateLimiting.Tests.Redis;

/// <summary>Redis concurrency leases: released on dispose, renewed while held, lapsing after their TTL when their holder is gone.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisConcurrencyTests(RedisFixture redis)
{
    [Fact]
    public async Task LeaseOfAFrozenProcess_ExpiresAfterItsTimeToLive()
    {
        var shared = redis.Options();
        var ttl = TimeSpan.FromMilliseconds(400);
        // The "crashed" process: its clock never moves, so its lease is never renewed, and it never disposes the lease.
        await using var crashedClient = await RespClient.ConnectAsync(redis.Server.ConnectionString);
        using var crashed = Concurrency(1, ttl, new ManualTimeProvider(), shared.With(crashedClient));
        using var survivor = Concurrency(1, ttl, TimeProvider.System, shared);
        var orphan = await crashed.AcquireAsync("job");
        orphan.IsAcquired.ShouldBeTrue();

        using var blocked = await survivor.AcquireAsync("job");
        blocked.IsAcquired.ShouldBeFalse();

        // Redis's clock must pass the TTL: the one real wait.
        await Task.Delay(ttl + TimeSpan.FromMilliseconds(50));
        using var after = await survivor.AcquireAsync("job");
        after.IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task HeldLease_IsRenewedPastItsTimeToLive()
    {
        var shared = redis.Options();
        var ttl = TimeSpan.FromMilliseconds(300);
        using var holder = Concurrency(1, ttl, TimeProvider.System, shared);
        using var other = Concurrency(1, ttl, TimeProvider.System, shared);
        using var lease = await holder.AcquireAsync("job");
        lease.IsAcquired.ShouldBeTrue();

        await Task.Delay(ttl * 3);

        (await other.AcquireAsync("job")).IsAcquired.ShouldBeFalse("the holder renews every TTL/3 while it holds the lease");
    }

    [Fact]
    public async Task DisposedLease_FreesItsPermits()
    {
        using var limiter = Concurrency(2, TimeSpan.FromSeconds(30), TimeProvider.System, redis.Options());
        var first = await limiter.AcquireAsync("job", 2);
        (await limiter.AcquireAsync("job")).IsAcquired.ShouldBeFalse();

        first.Dispose();

        // The release is sent without waiting (Dispose is synchronous); a usage read queues behind it on the connection.
        (await limiter.GetUsageAsync("job")).Remaining.ShouldBe(2);
        (await limiter.AcquireAsync("job", 2)).IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public void QueueLimit_OnRedis_IsRejected()
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => StrataRateLimiter.CreateConcurrency(
            new ConcurrencyRateLimiterOptions { PermitLimit = 1, QueueLimit = 1 }, redis.Options()));

        error.ParamName.ShouldBe("QueueLimit");
    }

    private static StrataPartitionedRateLimiter Concurrency(int limit, TimeSpan ttl, TimeProvider clock, RedisRateLimiterOptions redis) =>
        StrataRateLimiter.CreateConcurrency(
            new ConcurrencyRateLimiterOptions { PolicyName = "jobs", PermitLimit = limit, LeaseTimeToLive = ttl, TimeProvider = clock }, redis);
}

internal static class RedisOptionsCopy
{
    /// <summary>The same options (same key prefix: the same limiter state) on another client.</summary>
    public static RedisRateLimiterOptions With(this RedisRateLimiterOptions options, RespClient client) => new()
    {
        Client = client,
        KeyPrefix = options.KeyPrefix,
        FailurePolicy = options.FailurePolicy,
        ExpectedNodeCount = options.ExpectedNodeCount,
        OperationTimeout = options.OperationTimeout,
        RetryInterval = options.RetryInterval,
    };
}
