namespace Strata.Inspection;

/// <summary>
/// The last invalidations a cache applied, in a fixed ring: admin views want "what was cleared lately", and a bounded
/// ring keeps that answer O(1) per invalidation with no growth. Remote single-key changes are not recorded: they are
/// every other node's ordinary writes, and would drown the invalidations people look for.
/// </summary>
internal sealed class InvalidationJournal
{
    public const int Capacity = 256;

    private readonly StrataInvalidation?[] _ring = new StrataInvalidation?[Capacity];
    private readonly Lock _gate = new();
    private long _written;

    public void Record(StrataInvalidation invalidation)
    {
        lock (_gate)
        {
            _ring[_written % Capacity] = invalidation;
            _written++;
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<StrataInvalidation> Recent(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        lock (_gate)
        {
            var count = (int)Math.Min(Math.Min(_written, Capacity), max);
            var result = new StrataInvalidation[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = _ring[(_written - 1 - i) % Capacity]!;
            }

            return result;
        }
    }
}
