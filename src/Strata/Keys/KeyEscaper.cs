using System.Buffers;

namespace Strata.Keys;

/// <summary>
/// Percent-escapes the characters a canonical key uses as separators, so the encoding of a parameter set is
/// prefix-free and two different parameter sets can never produce the same key.
/// </summary>
/// <remarks>
/// Escaped: <c>% : = &amp; , [ ] { }</c> and every control character as <c>%XX</c> (the UTF-8 bytes, upper-case hex),
/// and an unpaired surrogate as <c>%uXXXX</c>, because UTF-8 would turn every unpaired surrogate into the same
/// replacement character and so make different keys equal in L2. Everything else, including non-ASCII text, is kept
/// so keys stay readable.
/// </remarks>
internal static class KeyEscaper
{
    /// <summary>The characters the canonical form uses between names, values and elements.</summary>
    public const string Separators = "%:=&,[]{}";

    private const string UpperHex = "0123456789ABCDEF";

    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(Separators + ControlsAndSurrogates());

    public static void AppendEscaped(ref KeyCharBuffer buffer, scoped ReadOnlySpan<char> text)
    {
        while (true)
        {
            var index = text.IndexOfAny(NeedsEscape);
            if (index < 0)
            {
                buffer.Append(text);
                return;
            }

            buffer.Append(text[..index]);
            var c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                // A well-formed pair is ordinary text.
                buffer.Append(text.Slice(index, 2));
                text = text[(index + 2)..];
                continue;
            }

            AppendEscape(ref buffer, c);
            text = text[(index + 1)..];
        }
    }

    /// <summary>The length <paramref name="text"/> has once escaped.</summary>
    public static int GetEscapedLength(ReadOnlySpan<char> text)
    {
        var length = text.Length;
        while (true)
        {
            var index = text.IndexOfAny(NeedsEscape);
            if (index < 0)
            {
                return length;
            }

            var c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                text = text[(index + 2)..];
                continue;
            }

            length += GetEscapeLength(c) - 1;
            text = text[(index + 1)..];
        }
    }

    // %XX for ASCII; %C2%XX for a C1 control; %uXXXX for an unpaired surrogate.
    private static int GetEscapeLength(char c) => c < '\u0080' ? 3 : 6;

    private static void AppendEscape(ref KeyCharBuffer buffer, char c)
    {
        if (c < '\u0080')
        {
            AppendHexByte(ref buffer, (byte)c);
        }
        else if (c <= '\u009f')
        {
            // C1 controls are two UTF-8 bytes: C2 80..C2 9F.
            AppendHexByte(ref buffer, 0xC2);
            AppendHexByte(ref buffer, (byte)c);
        }
        else
        {
            // An unpaired surrogate has no UTF-8 form; 'u' is not a hex digit, so this stays unambiguous.
            var span = buffer.GetSpan(6);
            span[0] = '%';
            span[1] = 'u';
            ((ushort)c).TryFormat(span[2..], out _, "X4", System.Globalization.CultureInfo.InvariantCulture);
            buffer.Advance(6);
        }
    }

    private static void AppendHexByte(ref KeyCharBuffer buffer, byte value)
    {
        var span = buffer.GetSpan(3);
        span[0] = '%';
        span[1] = UpperHex[value >> 4];
        span[2] = UpperHex[value & 0xF];
        buffer.Advance(3);
    }

    /// <summary>Every C0 and C1 control character, DEL, and every surrogate code unit.</summary>
    public static string ControlsAndSurrogates()
    {
        var chars = new List<char>();
        for (var c = '\u0000'; c <= '\u001f'; c++)
        {
            chars.Add(c);
        }

        for (var c = '\u007f'; c <= '\u009f'; c++)
        {
            chars.Add(c);
        }

        for (var c = '\ud800'; c <= '\udfff'; c++)
        {
            chars.Add(c);
        }

        return new string([.. chars]);
    }
}
