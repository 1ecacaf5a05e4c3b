using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Strata.RateLimiting.Diagnostics;
using Strata.RateLimiting.Leases;
using Strata.Resp;

namespace Strata.RateLimiting.Redis;

/// <summary>
/// The Redis engine of the window algorithms (GCRA, sliding windows, quota): each decision is one script on the
/// server's clock. <see cref="RateLimiter.AcquireAsync"/> decides; a rejected request with room in the local queue waits
/// for its exact retry-after and asks again. <see cref="RateLimiter.AttemptAcquire"/> never waits on the network: it
/// answers "not acquired, ask AcquireAsync" (ASP.NET Core's middleware then does), or the failure policy's answer
/// while Redis is known to be down.
/// </summary>
internal sealed class RedisRateLimiter : StrataPartitionedRateLimiter
{
    private const int MaxRememberedPartitions = 10_000;

    private readonly RedisAlgorithm _algorithm;
    private readonly RedisStore _store;
    private readonly TimeProvider _time;
    private readonly PolicyMetrics _metrics;
    private readonly int _queueLimit;
    private readonly QueueProcessingOrder _order;
    private readonly Lock _queueGate = new();
    private readonly LinkedList<RedisWaiter> _waiters = new();
    private readonly ConcurrentDictionary<string, long> _lastRemaining = new(StringComparer.Ordinal);
    private readonly StrataLease _undecided;
    private int _queuedPermits;
    private long _successful;
    private long _failed;
    private int _disposed;

    public RedisRateLimiter(RedisAlgorithm algorithm, StrataRateLimiterOptions options, RedisStore store, PolicyMetrics metrics)
        : base(options.PolicyName, algorithm.PermitLimit)
    {
        _algorithm = algorithm;
        _store = store;
        _time = options.TimeProvider;
        _metrics = metrics;
        metrics.Owner = this;
        _queueLimit = options.QueueLimit;
        _order = options.QueueProcessingOrder;
        _undecided = new StrataLease(
            false,
            new RateLimitQuota(PolicyName, PermitLimit, 0, algorithm.Window, TimeSpan.Zero),
            null,
            reason: "Redis-backed limiters decide in AcquireAsync; AttemptAcquire does not wait on the network.",
            undecided: true);
    }

    public override bool IsDistributed => true;

    private protected override void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private protected override RateLimitLease AttemptAcquireValidated(string partitionKey, int permitCount) =>
        _store.IsKnownDown ? Counted(_store.DecideWithoutRedis(partitionKey, permitCount)) : _undecided;

    private protected override ValueTask<RateLimitLease> AcquireValidatedAsync(string partitionKey, int permitCount, CancellationToken cancellationToken) =>
        AcquireCoreAsync(partitionKey, permitCount, cancellationToken);

    private protected override RateLimiterStatistics GetStatisticsCore(string partitionKey) => new()
    {
        // Known only from this instance's last decision on the partition: asking Redis would make statistics a round trip.
        CurrentAvailablePermits = _lastRemaining.TryGetValue(partitionKey, out var remaining) ? remaining : PermitLimit,
        CurrentQueuedCount = Volatile.Read(ref _queuedPermits),
        TotalSuccessfulLeases = Interlocked.Read(ref _successful),
        TotalFailedLeases = Interlocked.Read(ref _failed),
    };

    private protected override async ValueTask<RateLimitQuota> GetUsageCoreAsync(string partitionKey, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var key = _store.Key(partitionKey, _algorithm.Name);
        var reply = await _store.EvaluateAsync(_algorithm.Script, key, _algorithm.Arguments(0), cancellationToken).ConfigureAwait(false);
        if (RedisReply.Status(reply) == RedisReply.ClockMiss)
        {
            reply = await _store.EvaluateAsync(_algorithm.Script, key, _algorithm.Arguments(0, RedisReply.ServerTime(reply)), cancellationToken).ConfigureAwait(false);
        }

        var usage = RedisReply.Decision(reply);
        return new RateLimitQuota(PolicyName, PermitLimit, Math.Max(0, usage.Remaining), usage.Window, usage.ResetAfter);
    }

    // Failure-policy answers count in the statistics like any other decision.
    private RateLimitLease Counted(RateLimitLease lease)
    {
        Interlocked.Increment(ref lease.IsAcquired ? ref _successful : ref _failed);
        return lease;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        List<RedisWaiter> waiters;
        lock (_queueGate)
        {
            waiters = [.. _waiters];
        }

        foreach (var waiter in waiters)
        {
            waiter.Evict();
        }

        _store.Dispose();
        _metrics.Dispose();
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return base.DisposeAsyncCore();
    }

    private async ValueTask<RateLimitLease> AcquireCoreAsync(string partitionKey, int permits, CancellationToken cancellationToken)
    {
        var key = _store.Key(partitionKey, _algorithm.Name);
        var reply = await DecideAsync(key, permits, cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            return Counted(await _store.DecideWithoutRedisAsync(partitionKey, permits, cancellationToken).ConfigureAwait(false));
        }

        var decision = RedisReply.Decision(reply);
        if (permits == 0)
        {
            decision = decision with { Acquired = decision.Remaining > 0 };
        }

        if (decision.Acquired || permits == 0 || permits > _queueLimit || decision.RetryAfter <= TimeSpan.Zero)
        {
            return Finish(partitionKey, decision);
        }

        var waiter = Enqueue(permits, cancellationToken);
        if (waiter is null)
        {
            return Finish(partitionKey, decision);
        }

        var start = _time.GetTimestamp();
        var acquired = false;
        try
        {
            // Waiting is local; the decision is Redis's. Another node may take the freed permits first, so ask again.
            while (true)
            {
                await Task.Delay(WholeMilliseconds(decision.RetryAfter), _time, waiter.Token).ConfigureAwait(false);
                reply = await DecideAsync(key, permits, waiter.Token).ConfigureAwait(false);
                if (reply is null)
                {
                    var lease = Counted(await _store.DecideWithoutRedisAsync(partitionKey, permits, waiter.Token).ConfigureAwait(false));
                    acquired = lease.IsAcquired;
                    return lease;
                }

                decision = RedisReply.Decision(reply);
                if (decision.Acquired || decision.RetryAfter <= TimeSpan.Zero)
                {
                    acquired = decision.Acquired;
                    return Finish(partitionKey, decision);
                }
            }
        }
        catch (OperationCanceledException) when (waiter.Evicted && !cancellationToken.IsCancellationRequested)
        {
            return Finish(partitionKey, decision with { Acquired = false });
        }
        finally
        {
            Dequeue(waiter);
            waiter.Dispose();
            _metrics.QueueEnded(start, _time, acquired);
        }
    }

    // Timers count whole milliseconds and would truncate a sub-millisecond remainder, waking just before the permit is due.
    private static TimeSpan WholeMilliseconds(TimeSpan value) => TimeSpan.FromMilliseconds(Math.Ceiling(value.TotalMilliseconds));

    // One decision; retried once with the server's time when the local clock was too far off for the quota's windows.
    private async ValueTask<RespValue?> DecideAsync(string key, int permits, CancellationToken cancellationToken)
    {
        var reply = await _store.TryEvaluateAsync(_algorithm.Script, key, _algorithm.Arguments(permits), cancellationToken).ConfigureAwait(false);
        if (reply is not null && RedisReply.Status(reply) == RedisReply.ClockMiss)
        {
            reply = await _store.TryEvaluateAsync(_algorithm.Script, key, _algorithm.Arguments(permits, RedisReply.ServerTime(reply)), cancellationToken).ConfigureAwait(false);
        }

        return reply;
    }

    private StrataLease Finish(string partitionKey, in RateLimitDecision decision)
    {
        Interlocked.Increment(ref decision.Acquired ? ref _successful : ref _failed);
        _metrics.Decision(partitionKey, decision.Acquired, PermitLimit, decision.Remaining);
        if (_lastRemaining.Count >= MaxRememberedPartitions)
        {
            // Statistics are a hint; a bounded memory of them matters more than keeping every key.
            _lastRemaining.Clear();
        }

        _lastRemaining[partitionKey] = decision.Remaining;
        return StrataLease.From(PolicyName, PermitLimit, decision);
    }

    private RedisWaiter? Enqueue(int permits, CancellationToken cancellationToken)
    {
        List<RedisWaiter>? evicted = null;
        RedisWaiter waiter;
        lock (_queueGate)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return null;
            }

            if (_queuedPermits + permits > _queueLimit)
            {
                if (_order == QueueProcessingOrder.OldestFirst)
                {
                    return null;
                }

                while (_queuedPermits + permits > _queueLimit && _waiters.First is { } oldest)
                {
                    _waiters.Remove(oldest);
                    oldest.Value.Node = null;
                    _queuedPermits -= oldest.Value.Permits;
                    (evicted ??= []).Add(oldest.Value);
                }
            }

            waiter = new RedisWaiter(permits, cancellationToken);
            waiter.Node = _waiters.AddLast(waiter);
            _queuedPermits += permits;
        }

        if (evicted is not null)
        {
            foreach (var old in evicted)
            {
                old.Evict();
            }
        }

        return waiter;
    }

    private void Dequeue(RedisWaiter waiter)
    {
        lock (_queueGate)
        {
            if (waiter.Node is { } node)
            {
                _waiters.Remove(node);
                waiter.Node = null;
                _queuedPermits -= waiter.Permits;
            }
        }
    }
}
