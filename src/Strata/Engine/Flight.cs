namespace Strata.Engine;

/// <summary>
/// One run of "read L2, else call the factory" for one key, shared by every caller that wants the key meanwhile.
/// The factory's cancellation belongs to the run, not to any caller: a caller that gives up only stops waiting. The
/// run is cancelled when its hard timeout passes, or when every waiter is gone and the soft timeout has elapsed.
/// </summary>
internal sealed class Flight
{
    private int _waiters;
    private volatile bool _softTimeoutElapsed;

    public Flight(bool isBackground) => IsBackground = isBackground;

    public TaskCompletionSource<FlightOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationTokenSource FactoryCancellation { get; } = new();

    /// <summary>A refresh nobody waits for (stale-while-revalidate, early refresh): never cancelled for lack of waiters.</summary>
    public bool IsBackground { get; }

    /// <summary>Set (before the callers are answered) when the run lingers only to write its value to L2: a caller that
    /// arrives meanwhile did not share the run, so it waits for the write and starts over rather than join.</summary>
    public volatile TaskCompletionSource? PendingL2Write;

    /// <summary>A SetAsync or RemoveAsync for the key happened during the run: its result must not be stored over it.</summary>
    public volatile bool Superseded;

    public int Waiters => Volatile.Read(ref _waiters);

    public void AddWaiter() => Interlocked.Increment(ref _waiters);

    public void RemoveWaiter()
    {
        if (Interlocked.Decrement(ref _waiters) == 0 && _softTimeoutElapsed)
        {
            CancelIfAbandoned();
        }
    }

    public void OnSoftTimeoutElapsed()
    {
        _softTimeoutElapsed = true;
        if (Volatile.Read(ref _waiters) == 0)
        {
            CancelIfAbandoned();
        }
    }

    private void CancelIfAbandoned()
    {
        if (IsBackground || Completion.Task.IsCompleted)
        {
            return;
        }

        try
        {
            FactoryCancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run finished and disposed its source between the checks: nothing left to cancel.
        }
    }
}
