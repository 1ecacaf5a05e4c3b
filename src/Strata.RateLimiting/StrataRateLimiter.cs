using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.RateLimiting.Concurrency;
using Strata.RateLimiting.Diagnostics;
using Strata.RateLimiting.Gcra;
using Strata.RateLimiting.Memory;
using Strata.RateLimiting.Quota;
using Strata.RateLimiting.Redis;
using Strata.RateLimiting.SlidingWindow;

namespace Strata.RateLimiting;

/// <summary>
/// Creates Strata limiters: each algorithm in memory (one process, decisions on <see cref="StrataRateLimiterOptions.TimeProvider"/>)
/// or on Redis (shared by every node, each decision one atomic script on the server's clock). The options are validated
/// and copied; dispose the limiter when done (it owns timers, not the Redis client).
/// </summary>
public static class StrataRateLimiter
{
    /// <summary>A GCRA (token bucket) limiter in memory.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name says which).</exception>
    public static StrataPartitionedRateLimiter CreateGcra(GcraRateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return InMemory(LocalGcra(options, 1), options, Metrics(options));
    }

    /// <summary>A GCRA (token bucket) limiter on Redis: one small hash per partition.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name says which).</exception>
    public static StrataPartitionedRateLimiter CreateGcra(GcraRateLimiterOptions options, RedisRateLimiterOptions redis)
    {
        Validate(options, redis);
        var algorithm = new GcraRedisAlgorithm(options.PermitLimit, options.Window, options.Burst ?? options.PermitLimit);
        return OnRedis(algorithm, options, redis, () => InMemory(LocalGcra(options, redis.ExpectedNodeCount), options, PolicyMetrics.Disabled));
    }

    /// <summary>A sliding-window counter limiter in memory.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name says which).</exception>
    public static StrataPartitionedRateLimiter CreateSlidingWindowCounter(SlidingWindowCounterRateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return InMemory(new SlidingWindowCounterAlgorithm(options.PermitLimit, options.Window, options.TimeProvider), options, Metrics(options));
    }

    /// <summary>A sliding-window counter limiter on Redis: one small hash per partition.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name says which).</exception>
    public static StrataPartitionedRateLimiter CreateSlidingWindowCounter(SlidingWindowCounterRateLimiterOptions options, RedisRateLimiterOptions redis)
    {
        Validate(options, redis);
        return OnRedis(
            new SlidingWindowCounterRedisAlgorithm(options.PermitLimit, options.Window),
            options,
            redis,
            () => InMemory(new SlidingWindowCounterAlgorithm(Share(options.PermitLimit, redis), options.Window, options.TimeProvider), options, PolicyMetrics.Disabled));
    }

    /// <summary>A sliding-window log limiter in memory (exact; memory per partition grows with use up to the limit).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name says which).</exception>
    public static StrataPartitionedRateLimiter CreateSlidingWindowLog(SlidingWindowLogRateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return InMemory(new SlidingWindowLogAlgorithm(options.PermitLimit, options.Window, options.TimeProvider), options, Metrics(options));
    }

    /// <summary>A sliding-window log limiter on Redis: a sorted set of at most the limit members per partition.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name says which).</exception>
    public static StrataPartitionedRateLimiter CreateSlidingWindowLog(SlidingWindowLogRateLimiterOptions options, RedisRateLimiterOptions redis)
    {
        Validate(options, redis);
        return OnRedis(
            new SlidingWindowLogRedisAlgorithm(options.PermitLimit, options.Window),
            options,
            redis,
            () => InMemory(new SlidingWindowLogAlgorithm(Share(options.PermitLimit, redis), options.Window, options.TimeProvider), options, PolicyMetrics.Disabled));
    }

    /// <summary>A fixed-window (calendar) quota in memory, e.g. a daily API quota per user.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name says which).</exception>
    public static StrataPartitionedRateLimiter CreateQuota(QuotaRateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return InMemory(new QuotaAlgorithm(options.PermitLimit, Calendar(options), options.TimeProvider), options, Metrics(options));
    }

    /// <summary>A fixed-window (calendar) quota on Redis: one small hash per partition, expiring after its window.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name says which).</exception>
    public static StrataPartitionedRateLimiter CreateQuota(QuotaRateLimiterOptions options, RedisRateLimiterOptions redis)
    {
        Validate(options, redis);
        var calendar = Calendar(options);
        return OnRedis(
            new QuotaRedisAlgorithm(options.PermitLimit, calendar, options.TimeProvider),
            options,
            redis,
            () => InMemory(new QuotaAlgorithm(Share(options.PermitLimit, redis), calendar, options.TimeProvider), options, PolicyMetrics.Disabled));
    }

    /// <summary>A concurrency limiter in memory: permits return when leases are disposed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name says which).</exception>
    public static StrataPartitionedRateLimiter CreateConcurrency(ConcurrencyRateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return InMemory(new ConcurrencyAlgorithm(options.PermitLimit), options, Metrics(options));
    }

    /// <summary>
    /// A concurrency limiter on Redis: leases renew themselves while held and lapse after
    /// <see cref="ConcurrencyRateLimiterOptions.LeaseTimeToLive"/> when their process dies. Queueing is not supported
    /// (<see cref="StrataRateLimiterOptions.QueueLimit"/> must be 0): another node's release would have to be polled for.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter name says which).</exception>
    public static StrataPartitionedRateLimiter CreateConcurrency(ConcurrencyRateLimiterOptions options, RedisRateLimiterOptions redis)
    {
        Validate(options, redis);
        options.ValidateForRedis();

        var logger = Logger(options);
        var metrics = Metrics(options);
        var fallback = redis.FailurePolicy == RedisFailurePolicy.FallbackToLocal
            ? InMemory(new ConcurrencyAlgorithm(Share(options.PermitLimit, redis)), options, PolicyMetrics.Disabled)
            : null;
        var store = new RedisStore(redis, options.PolicyName, options.PermitLimit, TimeSpan.Zero, options.TimeProvider, logger, metrics, fallback);
        return new RedisConcurrencyLimiter(options, store, logger, metrics);
    }

    private static void Validate(StrataRateLimiterOptions options, RedisRateLimiterOptions redis)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redis);
        options.Validate();
        redis.Validate();
    }

    private static GcraAlgorithm LocalGcra(GcraRateLimiterOptions options, int nodes) => new(
        Math.Max(1, options.PermitLimit / nodes), options.Window, Math.Max(1, (options.Burst ?? options.PermitLimit) / nodes), options.TimeProvider);

    private static int Share(int limit, RedisRateLimiterOptions redis) => Math.Max(1, limit / redis.ExpectedNodeCount);

    private static QuotaCalendar Calendar(QuotaRateLimiterOptions options) => new(options.Period, options.TimeZone, options.ResetTime);

    private static PolicyMetrics Metrics(StrataRateLimiterOptions options) =>
        PolicyMetrics.Create(RateLimitingMetrics.For(options.MeterFactory), options.PolicyName);

    private static ILogger Logger(StrataRateLimiterOptions options) =>
        options.LoggerFactory?.CreateLogger(RateLimitingLog.Category) ?? NullLogger.Instance;

    private static MemoryRateLimiter<TState> InMemory<TState>(IMemoryAlgorithm<TState> algorithm, StrataRateLimiterOptions options, PolicyMetrics metrics)
        where TState : class => new(algorithm, options, metrics);

    private static RedisRateLimiter OnRedis(RedisAlgorithm algorithm, StrataRateLimiterOptions options, RedisRateLimiterOptions redis, Func<StrataPartitionedRateLimiter> fallback)
    {
        var metrics = Metrics(options);
        var store = new RedisStore(
            redis,
            options.PolicyName,
            algorithm.PermitLimit,
            algorithm.Window,
            options.TimeProvider,
            Logger(options),
            metrics,
            redis.FailurePolicy == RedisFailurePolicy.FallbackToLocal ? fallback() : null);
        return new RedisRateLimiter(algorithm, options, store, metrics);
    }
}
