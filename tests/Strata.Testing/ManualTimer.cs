namespace Strata.Testing;

/// <summary>A timer of <see cref="ManualTimeProvider"/>; its schedule is guarded by the provider's lock.</summary>
internal sealed class ManualTimer : ITimer
{
    private readonly ManualTimeProvider _owner;

    public ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state)
    {
        _owner = owner;
        Callback = callback;
        State = state;
    }

    public TimerCallback Callback { get; }

    public object? State { get; }

    public long DueTicks { get; set; }

    /// <summary>Zero for a one-shot timer.</summary>
    public long PeriodTicks { get; set; }

    /// <summary>Orders timers that are due at the same instant by when they were scheduled.</summary>
    public long Sequence { get; set; }

    public bool IsDisposed { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period) => _owner.Change(this, dueTime, period);

    public void Dispose() => _owner.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
