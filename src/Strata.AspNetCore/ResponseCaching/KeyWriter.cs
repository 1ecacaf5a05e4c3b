using System.Buffers;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// Builds a cache key in a stack buffer (growing into pooled arrays), escaping what would make two different requests
/// spell the same key: the separators <c>% | ? &amp; =</c>, and what the engine rejects in keys (control characters,
/// surrogates), become <c>%XX</c> / <c>%uXXXX</c>.
/// </summary>
internal ref struct KeyWriter
{
    private Span<char> _chars;
    private char[]? _rented;
    private int _length;

    public KeyWriter(Span<char> initial)
    {
        _chars = initial;
        _rented = null;
        _length = 0;
    }

    public void AppendRaw(char value)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }

        _chars[_length++] = value;
    }

    public void AppendRaw(ReadOnlySpan<char> value)
    {
        if (_length + value.Length > _chars.Length)
        {
            Grow(value.Length);
        }

        value.CopyTo(_chars[_length..]);
        _length += value.Length;
    }

    /// <summary>Appends <paramref name="value"/> escaped, lower-cased (invariant) when asked.</summary>
    public void AppendEscaped(ReadOnlySpan<char> value, bool lowerCase = false)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c == 0x7F)
            {
                AppendHex(c);
            }
            else if (char.IsSurrogate(c))
            {
                AppendRaw("%u");
                AppendHex4(c);
            }
            else if (c is '%' or '|' or '?' or '&' or '=')
            {
                AppendHex(c);
            }
            else
            {
                AppendRaw(lowerCase ? char.ToLowerInvariant(c) : c);
            }
        }
    }

    public override readonly string ToString() => new(_chars[.._length]);

    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private void AppendHex(char c)
    {
        AppendRaw('%');
        AppendRaw(HexDigit(c >> 4));
        AppendRaw(HexDigit(c & 0xF));
    }

    private void AppendHex4(char c)
    {
        AppendRaw(HexDigit(c >> 12));
        AppendRaw(HexDigit((c >> 8) & 0xF));
        AppendRaw(HexDigit((c >> 4) & 0xF));
        AppendRaw(HexDigit(c & 0xF));
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private void Grow(int additional)
    {
        var next = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + additional));
        _chars[.._length].CopyTo(next);
        if (_rented is { } old)
        {
            ArrayPool<char>.Shared.Return(old);
        }

        _rented = next;
        _chars = next;
    }
}
