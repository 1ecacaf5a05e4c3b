namespace TravelDesk.Supplier.Limits;

/// <summary>
/// The most admissions in any window-long span, computed exactly: the busiest window always ends at an admission,
/// so counting the admissions in (t - window, t] at each admission t and keeping the maximum finds it. Only the
/// admissions still inside the window are kept, so memory is bounded by the limit. Not thread-safe: the caller
/// records under the same lock as the decision, so times arrive in order.
/// </summary>
internal sealed class SlidingWindowPeak(long windowTicks)
{
    private readonly Queue<long> _inWindow = new();

    public int Peak { get; private set; }

    /// <summary>Records an admission at <paramref name="nowTicks"/> (monotonic, never decreasing).</summary>
    public void Record(long nowTicks)
    {
        // Same boundary as the limiter's log: an entry has left once entry + window <= now.
        while (_inWindow.Count > 0 && _inWindow.Peek() + windowTicks <= nowTicks)
        {
            _inWindow.Dequeue();
        }

        _inWindow.Enqueue(nowTicks);
        Peak = Math.Max(Peak, _inWindow.Count);
    }

    /// <summary>Forgets the peak, not the admissions: a window spanning the reset still counts them all.</summary>
    public void ResetPeak() => Peak = 0;
}
