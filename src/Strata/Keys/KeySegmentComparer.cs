namespace Strata.Keys;

/// <summary>Orders segments of one scratch buffer ordinally by text, then by value text, so sorting is deterministic
/// even when two dictionary keys normalise to the same text. A struct so sorting allocates nothing.</summary>
internal readonly struct KeySegmentComparer(char[]? buffer) : IComparer<KeySegment>
{
    public int Compare(KeySegment x, KeySegment y)
    {
        var order = buffer.AsSpan(x.Start, x.Length).SequenceCompareTo(buffer.AsSpan(y.Start, y.Length));
        return order != 0
            ? order
            : buffer.AsSpan(x.ValueStart, x.ValueLength).SequenceCompareTo(buffer.AsSpan(y.ValueStart, y.ValueLength));
    }
}
