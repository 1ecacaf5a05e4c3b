namespace Strata.AspNetCore.Warmup;

/// <summary>
/// One warmer's state: its status fields and the run in progress, which every concurrent request to run it joins
/// (start-up, schedule and on-demand runs of the same warmer coalesce).
/// </summary>
internal sealed class WarmerSlot(IStrataWarmer warmer, string name)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<StrataWarmerStatus>? _running;
    private StrataWarmupContext? _context;
    private StrataWarmupState _state;
    private StrataWarmupState _lastOutcome;
    private StrataWarmupTrigger? _lastTrigger;
    private DateTimeOffset? _lastStartedAt;
    private DateTimeOffset? _lastFinishedAt;
    private TimeSpan? _lastDuration;
    private long _items;
    private string? _lastError;
    private long _runs;

    public IStrataWarmer Warmer { get; } = warmer;

    public string Name { get; } = name;

    /// <summary>The run in progress, if any (tests await it).</summary>
    public Task<StrataWarmerStatus>? Running
    {
        get
        {
            lock (_gate)
            {
                return _running?.Task;
            }
        }
    }

    /// <summary>Returns the run in progress (false), or registers a new one the caller must start and finish (true).</summary>
    public bool TryBegin(out Task<StrataWarmerStatus> run)
    {
        lock (_gate)
        {
            if (_running is { } existing)
            {
                run = existing.Task;
                return false;
            }

            _running = new TaskCompletionSource<StrataWarmerStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
            run = _running.Task;
            return true;
        }
    }

    public void Started(StrataWarmupContext context, StrataWarmupTrigger trigger, DateTimeOffset at)
    {
        lock (_gate)
        {
            _context = context;
            _state = StrataWarmupState.Running;
            _lastTrigger = trigger;
            _lastStartedAt = at;
            _items = 0;
            _runs++;
        }
    }

    /// <summary>Records the outcome, frees the slot for the next run, and completes the run's task for everyone
    /// who joined it.</summary>
    public StrataWarmerStatus Finish(StrataWarmupState outcome, string? error, DateTimeOffset at, TimeSpan duration)
    {
        TaskCompletionSource<StrataWarmerStatus>? running;
        StrataWarmerStatus status;
        lock (_gate)
        {
            _state = _lastOutcome = outcome;
            _lastError = error;
            _lastFinishedAt = at;
            _lastDuration = duration;
            _items = _context?.ItemsWarmed ?? 0;
            _context = null;
            running = _running;
            _running = null;
            status = SnapshotLocked();
        }

        running?.TrySetResult(status);
        return status;
    }

    public StrataWarmerStatus Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    private StrataWarmerStatus SnapshotLocked() => new()
    {
        Name = Name,
        State = _state,
        LastOutcome = _lastOutcome,
        LastTrigger = _lastTrigger,
        LastStartedAt = _lastStartedAt,
        LastFinishedAt = _lastFinishedAt,
        LastDuration = _lastDuration,
        ItemsWarmed = _context?.ItemsWarmed ?? _items,
        LastError = _lastError,
        Runs = _runs,
    };
}
