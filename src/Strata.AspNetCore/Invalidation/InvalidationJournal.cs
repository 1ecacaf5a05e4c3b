namespace Strata.AspNetCore.Invalidation;

/// <summary>
/// The most recent invalidations (a ring of <see cref="Capacity"/>, 100 by default), newest first, for the admin
/// dashboard. In memory and per node: it shows what this node's requests invalidated, not what it heard from others.
/// </summary>
internal sealed class InvalidationJournal
{
    private readonly Lock _gate = new();
    private readonly InvalidationRecord[] _ring;
    private long _total;

    public InvalidationJournal(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new InvalidationRecord[capacity];
    }

    /// <summary>How many records the ring keeps.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Records added since start (the ring keeps the last <see cref="Capacity"/>).</summary>
    public long Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public void Add(InvalidationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _ring[_total % _ring.Length] = record;
            _total++;
        }
    }

    /// <summary>Up to <paramref name="max"/> records, newest first.</summary>
    public IReadOnlyList<InvalidationRecord> Recent(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        lock (_gate)
        {
            var count = (int)Math.Min(Math.Min(max, _ring.Length), _total);
            var result = new InvalidationRecord[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = _ring[(_total - 1 - i) % _ring.Length];
            }

            return result;
        }
    }
}
