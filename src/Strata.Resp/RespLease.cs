using System.Buffers;
using System.Collections.Concurrent;

namespace Strata.Resp;

/// <summary>
/// A value read from the server into a pooled buffer: the allocation-free way to read bytes.
/// Dispose it when done; the memory must not be used afterwards.
/// </summary>
public sealed class RespLease : IDisposable
{
    private const int MaxPooled = 256;

    private static readonly ConcurrentQueue<RespLease> Pool = new();
    private static int s_pooled;

    private byte[] _array = [];
    private int _length;

    private RespLease()
    {
    }

    /// <summary>The value's length in bytes.</summary>
    public int Length => _length;

    /// <summary>The value's bytes.</summary>
    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, _length);

    /// <summary>The value's bytes.</summary>
    public ReadOnlySpan<byte> Span => _array.AsSpan(0, _length);

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var array = _array;
        if (array.Length == 0)
        {
            return;
        }

        _array = [];
        _length = 0;
        ArrayPool<byte>.Shared.Return(array);
        if (Interlocked.Increment(ref s_pooled) <= MaxPooled)
        {
            Pool.Enqueue(this);
        }
        else
        {
            Interlocked.Decrement(ref s_pooled);
        }
    }

    internal static RespLease Rent(in ReadOnlySequence<byte> payload)
    {
        if (Pool.TryDequeue(out var lease))
        {
            Interlocked.Decrement(ref s_pooled);
        }
        else
        {
            lease = new RespLease();
        }

        var length = checked((int)payload.Length);
        // Rent at least one byte so an empty value is still a live lease (distinguishable from a disposed one).
        lease._array = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        lease._length = length;
        payload.CopyTo(lease._array);
        return lease;
    }
}
