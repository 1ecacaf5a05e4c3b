using Microsoft.Extensions.Logging;
using Strata.Diagnostics;

namespace Strata.Resilience;

/// <summary>
/// Every L2 call goes through here: the circuit breaker, the timeout, metrics, and logging once per state change.
/// Calls never throw for L2 failures (they answer "not ok"); only the caller's own cancellation propagates.
/// Writes that did not reach L2 are journaled by the engine and replayed here once L2 answers again.
/// </summary>
internal sealed class DistributedGateway
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _retention;
    private readonly StrataMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Func<long> _nextStamp;
    private int _replaying;
    private volatile bool _journalPending;
    private volatile bool _failing;

    public DistributedGateway(
        IDistributedTier tier,
        StrataCacheOptions options,
        TimeProvider time,
        StrataMetrics metrics,
        ILogger logger,
        Func<long> nextStamp)
    {
        Tier = tier;
        _time = time;
        _timeout = options.DistributedTimeout;
        _retention = options.InvalidationRetention;
        _metrics = metrics;
        _logger = logger;
        _nextStamp = nextStamp;
        Journal = new RepairJournal(options.RepairJournalCapacity);
        Breaker = new CircuitBreaker(options.BreakerFailureThreshold, options.BreakerBreakDuration, time, OnBreakerTransition);
    }

    public IDistributedTier Tier { get; }

    public CircuitBreaker Breaker { get; }

    public RepairJournal Journal { get; }

    /// <summary>Whether the last L2 call failed (for health).</summary>
    public bool IsFailing => _failing;

    /// <summary>Runs one L2 operation; <c>Ok</c> is false when the breaker skipped it or it failed or timed out.</summary>
    public async ValueTask<(bool Ok, TResult? Result)> ExecuteAsync<TState, TResult>(
        string operation,
        TState state,
        Func<IDistributedTier, TState, CancellationToken, ValueTask<TResult>> call,
        CancellationToken cancellationToken)
    {
        if (!Breaker.TryEnter())
        {
            return (false, default);
        }

        var started = _time.GetTimestamp();
        try
        {
            var pending = call(Tier, state, cancellationToken);
            var result = pending.IsCompletedSuccessfully
                ? pending.Result
                : await pending.AsTask().WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
            _metrics.L2Duration(operation, _time.GetElapsedTime(started));
            OnSucceeded();
            return (true, result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up; that says nothing about L2's health, but the probe slot must be released.
            Breaker.OnSuccess();
            throw;
        }
        catch (Exception error)
        {
            _metrics.L2Duration(operation, _time.GetElapsedTime(started));
            _metrics.Error("l2", error is TimeoutException ? "timeout" : "error");
            if (!_failing)
            {
                _failing = true;
                StrataLog.DistributedFailed(_logger, Tier.Name, operation, error);
            }

            Breaker.OnFailure();
            return (false, default);
        }
    }

    public void MarkJournalPending() => _journalPending = true;

    private void OnSucceeded()
    {
        _failing = false;
        Breaker.OnSuccess();
        if (_journalPending && Breaker.State == BreakerState.Closed)
        {
            StartReplay();
        }
    }

    private void OnBreakerTransition(BreakerState previous, BreakerState next)
    {
        StrataLog.BreakerTransition(_logger, Tier.Name, previous, next);
    }

    private void StartReplay()
    {
        if (Interlocked.CompareExchange(ref _replaying, 1, 0) != 0)
        {
            return;
        }

        _journalPending = false;
        _ = Task.Run(ReplayAsync);
    }

    /// <summary>Removes from L2 every key written only to L1 meanwhile (its L2 value may be older than the write the
    /// caller was told succeeded) and re-applies invalidation stamps; anything that fails goes back to the journal.</summary>
    private async Task ReplayAsync()
    {
        var (keys, stamps, overflow) = Journal.Drain();
        var keysDone = false;
        var stampsDone = new List<string>();
        try
        {
            if (keys.Count > 0)
            {
                await Tier.RemoveAsync([.. keys], CancellationToken.None).AsTask().WaitAsync(_timeout, _time).ConfigureAwait(false);
            }

            keysDone = true;
            foreach (var (key, stamp) in stamps)
            {
                await Tier.SetStampAsync(key, stamp, _retention, CancellationToken.None).AsTask().WaitAsync(_timeout, _time).ConfigureAwait(false);
                stampsDone.Add(key);
            }

            foreach (var key in overflow)
            {
                await Tier.SetStampAsync(key, _nextStamp(), _retention, CancellationToken.None).AsTask().WaitAsync(_timeout, _time).ConfigureAwait(false);
            }

            StrataLog.RepairReplayed(_logger, Tier.Name, keys.Count, stamps.Count + overflow.Count);
        }
        catch (Exception error)
        {
            _metrics.Error("l2", "repair");
            StrataLog.DistributedFailed(_logger, Tier.Name, "repair", error);
            Journal.Restore(
                keysDone ? [] : keys,
                stamps.Where(s => !stampsDone.Contains(s.Key)),
                overflow);
            _journalPending = true;
            Breaker.OnFailure();
        }
        finally
        {
            Volatile.Write(ref _replaying, 0);
        }
    }
}
