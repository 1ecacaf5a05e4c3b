using System.Globalization;

namespace Strata.Testing;

/// <summary>
/// A test clock that only moves when told to (<see cref="Advance"/>, <see cref="SetUtcNow"/>). Timers created from it
/// fire synchronously on the advancing thread, in due-time order, and each callback observes the clock at its own due
/// time; periodic timers fire once per elapsed period. Timers due immediately (due time zero) fire inside
/// <see cref="CreateTimer"/> / <see cref="ITimer.Change"/>, as with a real timer that fires at once.
/// A callback that throws propagates out of the call that moved the clock. Thread-safe; callbacks run outside the lock,
/// so they may create, change or dispose timers and read the clock. Concurrent advances add up; their callbacks then
/// run on whichever advancing thread picks them, each exactly once.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>The default start: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _utcNow;
    private long _destinationTicks;
    private long _sequence;

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public ManualTimeProvider(DateTimeOffset start)
    {
        _utcNow = start.ToUniversalTime();
        _destinationTicks = _utcNow.UtcTicks;
    }

    /// <summary>The current time; setting it is <see cref="SetUtcNow"/>.</summary>
    public DateTimeOffset UtcNow
    {
        get => GetUtcNow();
        set => SetUtcNow(value);
    }

    /// <summary>Timers currently scheduled to fire (created, not disposed, with a finite due time).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>One timestamp tick is one <see cref="TimeSpan"/> tick, so timestamps are the clock's UTC ticks.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _utcNow;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _utcNow.UtcTicks;
        }
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        long target;
        lock (_gate)
        {
            // Relative to where earlier (possibly still running) advances are heading, so concurrent advances add up.
            _destinationTicks = Math.Max(_destinationTicks, _utcNow.UtcTicks) + delta.Ticks;
            target = _destinationTicks;
        }

        RunUntil(target);
    }

    /// <summary>Sets the clock; it cannot go back, because timestamps (and elapsed-time maths) must not.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _utcNow)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The clock cannot go back from {_utcNow:O}.");
            }

            _destinationTicks = Math.Max(_destinationTicks, value.UtcTicks);
        }

        RunUntil(value.UtcTicks);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public override string ToString() => GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    internal bool Change(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidatePeriod(dueTime, nameof(dueTime));
        ValidatePeriod(period, nameof(period));
        long now;
        lock (_gate)
        {
            if (timer.IsDisposed)
            {
                return false;
            }

            _timers.Remove(timer);
            // Like System.Threading.Timer: zero or infinite period means one-shot.
            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            now = _utcNow.UtcTicks;
            timer.DueTicks = now + dueTime.Ticks;
            timer.Sequence = ++_sequence;
            _timers.Add(timer);
        }

        if (dueTime == TimeSpan.Zero)
        {
            RunUntil(now);
        }

        return true;
    }

    internal void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            timer.IsDisposed = true;
            _timers.Remove(timer);
        }
    }

    private static void ValidatePeriod(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be non-negative or Timeout.InfiniteTimeSpan.");
        }
    }

    private void RunUntil(long targetTicks)
    {
        while (true)
        {
            TimerCallback callback;
            object? state;
            lock (_gate)
            {
                var next = NextDue(targetTicks);
                if (next is null)
                {
                    // Never backwards: a concurrent advance may already have gone further.
                    if (targetTicks > _utcNow.UtcTicks)
                    {
                        _utcNow = new DateTimeOffset(targetTicks, TimeSpan.Zero);
                    }

                    return;
                }

                if (next.DueTicks > _utcNow.UtcTicks)
                {
                    _utcNow = new DateTimeOffset(next.DueTicks, TimeSpan.Zero);
                }

                if (next.PeriodTicks > 0)
                {
                    next.DueTicks += next.PeriodTicks;
                    next.Sequence = ++_sequence;
                }
                else
                {
                    _timers.Remove(next);
                }

                callback = next.Callback;
                state = next.State;
            }

            callback(state);
        }
    }

    // Earliest due first; equal due times fire in the order they were scheduled.
    private ManualTimer? NextDue(long targetTicks)
    {
        ManualTimer? best = null;
        foreach (var timer in _timers)
        {
            if (timer.DueTicks <= targetTicks &&
                (best is null || timer.DueTicks < best.DueTicks ||
                 (timer.DueTicks == best.DueTicks && timer.Sequence < best.Sequence)))
            {
                best = timer;
            }
        }

        return best;
    }
}
