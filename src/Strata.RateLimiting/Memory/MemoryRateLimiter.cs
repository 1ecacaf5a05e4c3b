using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Strata.RateLimiting.Diagnostics;
using Strata.RateLimiting.Leases;

namespace Strata.RateLimiting.Memory;

/// <summary>
/// The in-memory engine every in-memory algorithm runs on: partitions by key, one lock per partition, a queue per
/// partition served in <see cref="QueueProcessingOrder"/> when capacity returns (a timer at the head's retry time for
/// window algorithms, a release for concurrency), and a sweep that drops idle partitions so keys do not accumulate.
/// </summary>
internal sealed class MemoryRateLimiter<TState> : StrataPartitionedRateLimiter
    where TState : class
{
    private static readonly TimeSpan IdleSweepInterval = TimeSpan.FromSeconds(30);

    private readonly IMemoryAlgorithm<TState> _algorithm;
    private readonly ConcurrentDictionary<string, MemoryPartition<TState>> _partitions = new(StringComparer.Ordinal);
    private readonly int _queueLimit;
    private readonly QueueProcessingOrder _order;
    private readonly TimeProvider _time;
    private readonly PolicyMetrics _metrics;
    private readonly ITimer _sweep;
    private long _successful;
    private long _failed;
    private int _disposed;

    public MemoryRateLimiter(IMemoryAlgorithm<TState> algorithm, StrataRateLimiterOptions options, PolicyMetrics metrics)
        : base(options.PolicyName, algorithm.PermitLimit)
    {
        _algorithm = algorithm;
        _queueLimit = options.QueueLimit;
        _order = options.QueueProcessingOrder;
        _time = options.TimeProvider;
        _metrics = metrics;
        metrics.Owner = this;
        // A weak reference, so a limiter its owner forgot to dispose can still be collected (the timer would root it).
        _sweep = _time.CreateTimer(
            static state =>
            {
                if (((WeakReference<MemoryRateLimiter<TState>>)state!).TryGetTarget(out var limiter))
                {
                    limiter.SweepIdle();
                }
            },
            new WeakReference<MemoryRateLimiter<TState>>(this),
            IdleSweepInterval,
            IdleSweepInterval);
    }

    public override bool IsDistributed => false;

    /// <summary>Partitions currently held (for tests of the idle sweep).</summary>
    internal int PartitionCount => _partitions.Count;

    private protected override void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private protected override RateLimitLease AttemptAcquireValidated(string partitionKey, int permitCount)
    {
        while (true)
        {
            var partition = GetPartition(partitionKey);
            RateLimitDecision decision;
            lock (partition.Gate)
            {
                if (partition.Removed)
                {
                    continue;
                }

                decision = permitCount == 0 ? DecideZero(partition)
                    : partition.HasWaiters && _order == QueueProcessingOrder.OldestFirst ? RejectBehindQueue(partition, permitCount)
                    : _algorithm.Decide(partition.State, permitCount, commit: true);
            }

            return Complete(partition, permitCount, decision);
        }
    }

    private protected override ValueTask<RateLimitLease> AcquireValidatedAsync(string partitionKey, int permitCount, CancellationToken cancellationToken)
    {
        List<(MemoryWaiter Waiter, RateLimitLease Lease)>? evicted = null;
        MemoryPartition<TState> partition;
        MemoryWaiter? waiter = null;
        while (true)
        {
            partition = GetPartition(partitionKey);
            RateLimitDecision decision;
            lock (partition.Gate)
            {
                if (partition.Removed)
                {
                    continue;
                }

                if (permitCount == 0)
                {
                    decision = DecideZero(partition);
                }
                else if (!partition.HasWaiters || _order == QueueProcessingOrder.NewestFirst)
                {
                    decision = _algorithm.Decide(partition.State, permitCount, commit: true);
                }
                else
                {
                    decision = RejectBehindQueue(partition, permitCount);
                }

                var answerNow = decision.Acquired || permitCount == 0 || permitCount > _queueLimit ||
                    (partition.QueuedPermits + permitCount > _queueLimit && _order == QueueProcessingOrder.OldestFirst);
                if (!answerNow)
                {
                    var queue = partition.Queue ??= new LinkedList<MemoryWaiter>();
                    while (partition.QueuedPermits + permitCount > _queueLimit)
                    {
                        // NewestFirst: the oldest waiters give way to the newcomer.
                        var oldest = queue.First!.Value;
                        RemoveWaiter(partition, oldest);
                        var refusal = _algorithm.Decide(partition.State, oldest.Permits, commit: false) with { Acquired = false };
                        (evicted ??= []).Add((oldest, Complete(partition, oldest.Permits, refusal)));
                    }

                    waiter = new MemoryWaiter(permitCount, _time.GetTimestamp());
                    waiter.Node = queue.AddLast(waiter);
                    partition.QueuedPermits += permitCount;
                    ScheduleNext(partition);
                }
            }

            if (waiter is null)
            {
                // Answered now; the lease is built outside the lock.
                return new ValueTask<RateLimitLease>(Complete(partition, permitCount, decision));
            }

            break;
        }

        if (evicted is not null)
        {
            foreach (var (old, lease) in evicted)
            {
                FinishWaiter(old, lease);
            }
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(
                static (state, token) =>
                {
                    var (limiter, owner, queued) = (Tuple<MemoryRateLimiter<TState>, MemoryPartition<TState>, MemoryWaiter>)state!;
                    limiter.Cancel(owner, queued, token);
                },
                Tuple.Create(this, partition, waiter));
        }

        return new ValueTask<RateLimitLease>(waiter.Task);
    }

    private protected override RateLimiterStatistics GetStatisticsCore(string partitionKey)
    {
        long available = PermitLimit;
        long queued = 0;
        if (_partitions.TryGetValue(partitionKey, out var partition))
        {
            lock (partition.Gate)
            {
                available = _algorithm.Peek(partition.State).Remaining;
                queued = partition.QueuedPermits;
            }
        }

        return new RateLimiterStatistics
        {
            CurrentAvailablePermits = available,
            CurrentQueuedCount = queued,
            TotalSuccessfulLeases = Interlocked.Read(ref _successful),
            TotalFailedLeases = Interlocked.Read(ref _failed),
        };
    }

    private protected override ValueTask<RateLimitQuota> GetUsageCoreAsync(string partitionKey, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        RateLimitDecision peek;
        if (_partitions.TryGetValue(partitionKey, out var partition))
        {
            lock (partition.Gate)
            {
                peek = _algorithm.Peek(partition.State);
            }
        }
        else
        {
            peek = _algorithm.Peek(_algorithm.CreateState());
        }

        return ValueTask.FromResult(new RateLimitQuota(PolicyName, PermitLimit, Math.Max(0, peek.Remaining), peek.Window, peek.ResetAfter));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _sweep.Dispose();
        var disposedLease = new StrataLease(
            false, new RateLimitQuota(PolicyName, PermitLimit, 0, TimeSpan.Zero, TimeSpan.Zero), null, reason: "The rate limiter was disposed.");
        foreach (var partition in _partitions.Values)
        {
            List<MemoryWaiter>? waiters = null;
            lock (partition.Gate)
            {
                partition.Timer?.Dispose();
                while (partition.Queue?.First is { } node)
                {
                    RemoveWaiter(partition, node.Value);
                    (waiters ??= []).Add(node.Value);
                }
            }

            if (waiters is not null)
            {
                foreach (var waiter in waiters)
                {
                    waiter.Registration.Unregister();
                    waiter.TrySetResult(disposedLease);
                }
            }
        }

        _metrics.Dispose();
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return base.DisposeAsyncCore();
    }

    internal void Release(MemoryPartition<TState> partition, int permits)
    {
        lock (partition.Gate)
        {
            _algorithm.Release(partition.State, permits);
        }

        ProcessQueue(partition);
    }

    private MemoryPartition<TState> GetPartition(string key) =>
        _partitions.GetOrAdd(key, static (k, algorithm) => new MemoryPartition<TState>(k, algorithm.CreateState()), _algorithm);

    // Zero permits asks "is anything available?" without taking it (as System.Threading.RateLimiting does).
    private RateLimitDecision DecideZero(MemoryPartition<TState> partition)
    {
        var decision = _algorithm.Decide(partition.State, 1, commit: false);
        return decision.Acquired ? decision with { Remaining = decision.Remaining + 1 } : decision;
    }

    // OldestFirst: a newcomer may not overtake waiters, so it is rejected even if its own permits would fit. Its retry
    // time is at least the head's, since the head goes first.
    private RateLimitDecision RejectBehindQueue(MemoryPartition<TState> partition, int permits)
    {
        var own = _algorithm.Decide(partition.State, permits, commit: false);
        var head = _algorithm.Decide(partition.State, partition.Queue!.First!.Value.Permits, commit: false);
        return own with { Acquired = false, RetryAfter = own.RetryAfter > head.RetryAfter ? own.RetryAfter : head.RetryAfter };
    }

    private StrataLease Complete(MemoryPartition<TState> partition, int permits, in RateLimitDecision decision)
    {
        Interlocked.Increment(ref decision.Acquired ? ref _successful : ref _failed);
        _metrics.Decision(partition.Key, decision.Acquired, PermitLimit, decision.Remaining);
        var release = decision.Acquired && permits > 0 && _algorithm.ReleasesOnDispose ? new MemoryRelease<TState>(this, partition, permits) : null;
        return StrataLease.From(PolicyName, PermitLimit, decision, release);
    }

    private void FinishWaiter(MemoryWaiter waiter, RateLimitLease lease)
    {
        waiter.Registration.Unregister();
        _metrics.QueueEnded(waiter.EnqueuedTimestamp, _time, lease.IsAcquired);
        if (!waiter.TrySetResult(lease))
        {
            lease.Dispose();
        }
    }

    private static void RemoveWaiter(MemoryPartition<TState> partition, MemoryWaiter waiter)
    {
        partition.Queue!.Remove(waiter.Node!);
        waiter.Node = null;
        partition.QueuedPermits -= waiter.Permits;
    }

    private void Cancel(MemoryPartition<TState> partition, MemoryWaiter waiter, CancellationToken token)
    {
        lock (partition.Gate)
        {
            if (waiter.Node is null)
            {
                // Already served or evicted; the caller has (or will get) that answer.
                return;
            }

            RemoveWaiter(partition, waiter);
        }

        _metrics.QueueEnded(waiter.EnqueuedTimestamp, _time, acquired: false);
        waiter.TrySetCanceled(token);
        // A large waiter at the head leaving may let smaller ones behind it through.
        ProcessQueue(partition);
    }

    private void ProcessQueue(MemoryPartition<TState> partition)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        List<(MemoryWaiter Waiter, RateLimitDecision Decision, MemoryPartition<TState> Partition)>? served = null;
        lock (partition.Gate)
        {
            while (partition.HasWaiters)
            {
                var waiter = (_order == QueueProcessingOrder.OldestFirst ? partition.Queue!.First : partition.Queue!.Last)!.Value;
                var decision = _algorithm.Decide(partition.State, waiter.Permits, commit: true);
                if (!decision.Acquired)
                {
                    break;
                }

                RemoveWaiter(partition, waiter);
                (served ??= []).Add((waiter, decision, partition));
            }

            ScheduleNext(partition);
        }

        if (served is not null)
        {
            foreach (var (waiter, decision, owner) in served)
            {
                FinishWaiter(waiter, Complete(owner, waiter.Permits, decision));
            }
        }
    }

    // Under the partition's lock: arm the timer for when the next waiter fits (window algorithms). Concurrency
    // rejections carry no retry time; a release serves the queue instead.
    private void ScheduleNext(MemoryPartition<TState> partition)
    {
        if (!partition.HasWaiters)
        {
            partition.Timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var next = (_order == QueueProcessingOrder.OldestFirst ? partition.Queue!.First : partition.Queue!.Last)!.Value;
        var decision = _algorithm.Decide(partition.State, next.Permits, commit: false);
        if (!decision.Acquired && decision.RetryAfter <= TimeSpan.Zero)
        {
            return;
        }

        partition.Timer ??= _time.CreateTimer(
            static state =>
            {
                var (limiter, owner) = (Tuple<MemoryRateLimiter<TState>, MemoryPartition<TState>>)state!;
                limiter.ProcessQueue(owner);
            },
            Tuple.Create(this, partition),
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        // Never a zero due time: some clocks fire those synchronously, inside this lock.
        var due = decision.Acquired ? TimeSpan.FromTicks(1) : decision.RetryAfter;
        partition.Timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void SweepIdle()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        foreach (var (key, partition) in _partitions)
        {
            lock (partition.Gate)
            {
                if (partition.HasWaiters || !_algorithm.IsIdle(partition.State))
                {
                    continue;
                }

                partition.Removed = true;
                partition.Timer?.Dispose();
                _partitions.TryRemove(new KeyValuePair<string, MemoryPartition<TState>>(key, partition));
            }
        }
    }
}
