using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Strata.RateLimiting.Diagnostics;
using Strata.RateLimiting.Leases;
using Strata.RateLimiting.Redis;

namespace Strata.RateLimiting.Concurrency;

/// <summary>
/// The concurrency limiter on Redis: leases are sorted-set members that expire unless renewed, so a crashed process's
/// permits come back after <see cref="ConcurrencyRateLimiterOptions.LeaseTimeToLive"/>. No queue: a release happens on
/// whichever node holds the lease, and waiting for it would mean polling Redis.
/// </summary>
internal sealed class RedisConcurrencyLimiter : StrataPartitionedRateLimiter
{
    private const int MaxRememberedPartitions = 10_000;

    private readonly RedisStore _store;
    private readonly TimeSpan _timeToLive;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PolicyMetrics _metrics;
    private readonly ConcurrentDictionary<string, long> _lastRemaining = new(StringComparer.Ordinal);
    private readonly StrataLease _undecided;
    private long _successful;
    private long _failed;
    private int _disposed;

    public RedisConcurrencyLimiter(ConcurrencyRateLimiterOptions options, RedisStore store, ILogger logger, PolicyMetrics metrics)
        : base(options.PolicyName, options.PermitLimit)
    {
        _store = store;
        _timeToLive = options.LeaseTimeToLive;
        _time = options.TimeProvider;
        _logger = logger;
        _metrics = metrics;
        metrics.Owner = this;
        _undecided = new StrataLease(
            false,
            new RateLimitQuota(PolicyName, PermitLimit, 0, TimeSpan.Zero, TimeSpan.Zero),
            null,
            reason: "Redis-backed limiters decide in AcquireAsync; AttemptAcquire does not wait on the network.");
    }

    public override bool IsDistributed => true;

    private protected override void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private protected override RateLimitLease AttemptAcquireValidated(string partitionKey, int permitCount) =>
        _store.IsKnownDown ? Counted(_store.DecideWithoutRedis(partitionKey, permitCount)) : _undecided;

    private protected override async ValueTask<RateLimitLease> AcquireValidatedAsync(string partitionKey, int permitCount, CancellationToken cancellationToken)
    {
        var key = _store.Key(partitionKey, "conc");
        var leaseId = Guid.NewGuid().ToString("N");
        var reply = await _store.TryEvaluateAsync(ConcurrencyRedisScripts.Acquire, key, Arguments(permitCount, leaseId), cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            return Counted(await _store.DecideWithoutRedisAsync(partitionKey, permitCount, cancellationToken).ConfigureAwait(false));
        }

        var decision = RedisReply.Decision(reply);
        if (permitCount == 0)
        {
            decision = decision with { Acquired = decision.Remaining > 0 };
        }

        Interlocked.Increment(ref decision.Acquired ? ref _successful : ref _failed);
        _metrics.Decision(partitionKey, decision.Acquired, PermitLimit, decision.Remaining);
        if (_lastRemaining.Count >= MaxRememberedPartitions)
        {
            _lastRemaining.Clear();
        }

        _lastRemaining[partitionKey] = decision.Remaining;
        var release = decision.Acquired && permitCount > 0
            ? new RedisConcurrencyLease(_store, key, leaseId, permitCount, _timeToLive, _time, _logger)
            : null;
        return StrataLease.From(PolicyName, PermitLimit, decision, release);
    }

    private protected override RateLimiterStatistics GetStatisticsCore(string partitionKey) => new()
    {
        CurrentAvailablePermits = _lastRemaining.TryGetValue(partitionKey, out var remaining) ? remaining : PermitLimit,
        CurrentQueuedCount = 0,
        TotalSuccessfulLeases = Interlocked.Read(ref _successful),
        TotalFailedLeases = Interlocked.Read(ref _failed),
    };

    private protected override async ValueTask<RateLimitQuota> GetUsageCoreAsync(string partitionKey, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var reply = await _store.EvaluateAsync(
            ConcurrencyRedisScripts.Acquire, _store.Key(partitionKey, "conc"), Arguments(0, "-"), cancellationToken).ConfigureAwait(false);
        var usage = RedisReply.Decision(reply);
        return new RateLimitQuota(PolicyName, PermitLimit, usage.Remaining, TimeSpan.Zero, TimeSpan.Zero);
    }

    // Failure-policy answers count in the statistics like any other decision.
    private RateLimitLease Counted(RateLimitLease lease)
    {
        Interlocked.Increment(ref lease.IsAcquired ? ref _successful : ref _failed);
        return lease;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _store.Dispose();
            _metrics.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return base.DisposeAsyncCore();
    }

    private Strata.Resp.RespArgument[] Arguments(int permits, string leaseId) =>
        [PermitLimit, _timeToLive.Ticks / TimeSpan.TicksPerMicrosecond, permits, leaseId];
}
