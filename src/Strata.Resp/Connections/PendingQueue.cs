namespace Strata.Resp.Connections;

/// <summary>
/// The FIFO of written commands awaiting replies: a ring buffer that grows, never shrinks below its
/// start size, and can be walked in place by the timeout sweep (a <c>ConcurrentQueue</c> cannot be
/// walked without allocating a snapshot).
/// </summary>
/// <remarks>Not thread-safe; the connection guards it with one lock.</remarks>
internal sealed class PendingQueue
{
    private PendingReply?[] _items = new PendingReply?[64];
    private int _head;
    private int _count;

    public int Count => _count;

    public void Enqueue(PendingReply item)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        _items[(_head + _count) % _items.Length] = item;
        _count++;
    }

    public bool TryPeek(out PendingReply? item)
    {
        if (_count == 0)
        {
            item = null;
            return false;
        }

        item = _items[_head];
        return true;
    }

    public bool TryDequeue(out PendingReply? item)
    {
        if (_count == 0)
        {
            item = null;
            return false;
        }

        item = _items[_head];
        _items[_head] = null;
        _head = (_head + 1) % _items.Length;
        _count--;
        return true;
    }

    /// <summary>The item at <paramref name="index"/> from the head (0 is the oldest).</summary>
    public PendingReply this[int index] => _items[(_head + index) % _items.Length]!;

    private void Grow()
    {
        var larger = new PendingReply?[_items.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            larger[i] = _items[(_head + i) % _items.Length];
        }

        _items = larger;
        _head = 0;
    }
}
