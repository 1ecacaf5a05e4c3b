using System.Buffers;

namespace Strata.Keys;

/// <summary>
/// A growable character buffer over <see cref="ArrayPool{T}"/> arrays, so building a key allocates only the final
/// string. A mutable struct: it is only ever used through a field or a <c>ref</c>, never copied.
/// </summary>
internal struct KeyCharBuffer
{
    private const int MinimumCapacity = 256;

    private char[]? _array;
    private int _length;

    public readonly int Length => _length;

    public readonly ReadOnlySpan<char> WrittenSpan => _array.AsSpan(0, _length);

    public readonly char[]? Array => _array;

    public readonly ReadOnlySpan<char> Slice(int start, int length) => _array.AsSpan(start, length);

    public void Clear() => _length = 0;

    public Span<char> GetSpan(int sizeHint)
    {
        if (_array is null || _array.Length - _length < sizeHint)
        {
            Grow(sizeHint);
        }

        return _array.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    public void Append(char value)
    {
        if (_array is null || _length == _array.Length)
        {
            Grow(1);
        }

        _array![_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<char> value)
    {
        value.CopyTo(GetSpan(value.Length));
        _length += value.Length;
    }

    public void Dispose()
    {
        var array = _array;
        _array = null;
        _length = 0;
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }

    private void Grow(int sizeHint)
    {
        var needed = checked(_length + sizeHint);
        var capacity = Math.Max(needed, Math.Max(MinimumCapacity, (_array?.Length ?? 0) * 2));
        var grown = ArrayPool<char>.Shared.Rent(capacity);
        var old = _array;
        if (old is not null)
        {
            old.AsSpan(0, _length).CopyTo(grown);
            ArrayPool<char>.Shared.Return(old);
        }

        _array = grown;
    }
}
