namespace Strata.RateLimiting.SlidingWindow;

/// <summary>
/// A partition's log: the time of each admitted permit still inside the window, oldest first, in a ring that grows on
/// demand up to the limit (never beyond: a full log rejects).
/// </summary>
internal sealed class SlidingWindowLogState
{
    private const int InitialCapacity = 16;

    private long[] _ring;
    private int _head;

    public SlidingWindowLogState(long limit) => _ring = new long[Math.Min(limit, InitialCapacity)];

    public int Count { get; private set; }

    /// <summary>The <paramref name="index"/>-th oldest entry.</summary>
    public long this[int index] => _ring[(_head + index) % _ring.Length];

    public long Newest => this[Count - 1];

    public void RemoveOldest()
    {
        _head = (_head + 1) % _ring.Length;
        Count--;
    }

    public void Add(long timestamp, long limit)
    {
        if (Count == _ring.Length)
        {
            var grown = new long[Math.Min(limit, (long)_ring.Length * 2)];
            for (var i = 0; i < Count; i++)
            {
                grown[i] = this[i];
            }

            _ring = grown;
            _head = 0;
        }

        _ring[(_head + Count) % _ring.Length] = timestamp;
        Count++;
    }
}
