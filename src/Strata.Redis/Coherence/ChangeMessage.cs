using System.Buffers;
using System.Text;

namespace Strata.Redis.Coherence;

/// <summary>
/// The pub/sub fallback's message: the writing node's id (16 bytes), then each changed key as a 7-bit-encoded length
/// and its UTF-8 bytes. Compact, and safe for any key (no separator to escape). Receivers skip their own messages.
/// </summary>
internal static class ChangeMessage
{
    private const int NodeIdBytes = 16;

    public static byte[] Encode(Guid node, IReadOnlyList<string> keys)
    {
        var buffer = new ArrayBufferWriter<byte>(NodeIdBytes + (keys.Count * 48));
        node.TryWriteBytes(buffer.GetSpan(NodeIdBytes));
        buffer.Advance(NodeIdBytes);
        foreach (var key in keys)
        {
            var length = Encoding.UTF8.GetByteCount(key);
            var span = buffer.GetSpan(5 + length);
            var written = WriteLength(span, length);
            written += Encoding.UTF8.GetBytes(key, span[written..]);
            buffer.Advance(written);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a message; false with the reason when it is not one of ours (truncated, bad length, bad UTF-8).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> message, out Guid node, out List<string> keys, out string? error)
    {
        keys = [];
        node = default;
        if (message.Length < NodeIdBytes)
        {
            error = $"{message.Length} bytes, shorter than a node id";
            return false;
        }

        node = new Guid(message[..NodeIdBytes]);
        var rest = message[NodeIdBytes..];
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        while (!rest.IsEmpty)
        {
            if (!TryReadLength(rest, out var length, out var consumed) || length > rest.Length - consumed)
            {
                error = "a key length runs past the end";
                return false;
            }

            try
            {
                keys.Add(strict.GetString(rest.Slice(consumed, length)));
            }
            catch (DecoderFallbackException)
            {
                error = "a key is not UTF-8";
                return false;
            }

            rest = rest[(consumed + length)..];
        }

        error = null;
        return true;
    }

    private static int WriteLength(Span<byte> span, int value)
    {
        var index = 0;
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            span[index++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }

        span[index++] = (byte)remaining;
        return index;
    }

    private static bool TryReadLength(ReadOnlySpan<byte> span, out int value, out int consumed)
    {
        uint result = 0;
        for (var i = 0; i < 5 && i < span.Length; i++)
        {
            result |= (uint)(span[i] & 0x7F) << (7 * i);
            if ((span[i] & 0x80) == 0)
            {
                consumed = i + 1;
                value = result > int.MaxValue ? -1 : (int)result;
                return value >= 0;
            }
        }

        value = 0;
        consumed = 0;
        return false;
    }
}
