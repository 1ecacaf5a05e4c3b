namespace Strata.Resilience;

/// <summary>
/// Consecutive failures open the breaker for a break duration; after it, exactly one caller is let through as a
/// probe: its success closes the breaker, its failure opens it again. Lock-free on the closed path.
/// </summary>
internal sealed class CircuitBreaker
{
    private readonly int _threshold;
    private readonly long _breakTicks;
    private readonly TimeProvider _time;
    private readonly Action<BreakerState, BreakerState> _onTransition;
    private readonly Lock _gate = new();
    private int _consecutiveFailures;
    private volatile BreakerState _state;
    private long _openUntilTicks;
    private bool _probeInFlight;

    public CircuitBreaker(int threshold, TimeSpan breakDuration, TimeProvider time, Action<BreakerState, BreakerState> onTransition)
    {
        _threshold = threshold;
        _breakTicks = breakDuration.Ticks;
        _time = time;
        _onTransition = onTransition;
    }

    public BreakerState State => _state;

    /// <summary>Whether a call may go to L2 now. A true answer in the half-open state makes the caller the probe; it
    /// must report <see cref="OnSuccess"/> or <see cref="OnFailure"/>.</summary>
    public bool TryEnter()
    {
        if (_state == BreakerState.Closed)
        {
            return true;
        }

        lock (_gate)
        {
            if (_state == BreakerState.Closed)
            {
                return true;
            }

            if (_state == BreakerState.Open && _time.GetUtcNow().UtcTicks >= _openUntilTicks)
            {
                Transition(BreakerState.HalfOpen);
            }

            if (_state == BreakerState.HalfOpen && !_probeInFlight)
            {
                _probeInFlight = true;
                return true;
            }

            return false;
        }
    }

    public void OnSuccess()
    {
        if (_state == BreakerState.Closed)
        {
            if (Volatile.Read(ref _consecutiveFailures) != 0)
            {
                Volatile.Write(ref _consecutiveFailures, 0);
            }

            return;
        }

        lock (_gate)
        {
            _probeInFlight = false;
            _consecutiveFailures = 0;
            if (_state != BreakerState.Closed)
            {
                Transition(BreakerState.Closed);
            }
        }
    }

    public void OnFailure()
    {
        if (_state == BreakerState.Closed && Interlocked.Increment(ref _consecutiveFailures) < _threshold)
        {
            return;
        }

        lock (_gate)
        {
            _probeInFlight = false;
            if (_state == BreakerState.Open)
            {
                return;
            }

            if (_state == BreakerState.HalfOpen || _consecutiveFailures >= _threshold)
            {
                _openUntilTicks = _time.GetUtcNow().UtcTicks + _breakTicks;
                Transition(BreakerState.Open);
            }
        }
    }

    private void Transition(BreakerState next)
    {
        var previous = _state;
        _state = next;
        _onTransition(previous, next);
    }
}
