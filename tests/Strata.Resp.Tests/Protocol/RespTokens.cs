using System.Buffers;
using System.Globalization;
using System.Text;
using Strata.Resp.Protocol;

namespace Strata.Resp.Tests.Protocol;

/// <summary>
/// A token as one comparable line of text: what the reader decoded, or what a test expects it to decode.
/// Both sides go through the same formatting so a mismatch shows as a readable diff of token lists.
/// </summary>
internal static class RespTokens
{
    public static string Simple(string text) => Text(RespType.SimpleString, Encoding.UTF8.GetBytes(text));

    public static string Error(string text) => Text(RespType.SimpleError, Encoding.UTF8.GetBytes(text));

    public static string Bulk(string text) => Bulk(Encoding.UTF8.GetBytes(text));

    public static string Bulk(byte[] payload) => $"BulkString[{payload.Length}] '{Escape(payload)}'";

    public static string BulkError(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        return $"BulkError[{payload.Length}] '{Escape(payload)}'";
    }

    public static string Verbatim(string text) => Text(RespType.VerbatimString, Encoding.UTF8.GetBytes(text));

    public static string BigNumber(string digits) => Text(RespType.BigNumber, Encoding.ASCII.GetBytes(digits));

    public static string Integer(long value) => $"Integer {value.ToString(CultureInfo.InvariantCulture)}";

    public static string Boolean(bool value) => $"Boolean {value}";

    public static string Double(double value, string text) => $"Double {Format(value)} '{text}'";

    public static string Null(RespType type) => $"{type} null";

    public static string Aggregate(RespType type, long count) => $"{type} {count.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Describes the token the reader has just read, cross-checking every accessor that applies to it.</summary>
    public static string Describe(ref RespReader reader)
    {
        if (reader.IsNull)
        {
            reader.ChildTokenCount.ShouldBe(0);
            reader.ReadString().ShouldBeNull();
            reader.ReadBytes().ShouldBeNull();
            return Null(reader.Type);
        }

        switch (reader.Type)
        {
            case RespType.Integer:
                reader.Integer.ShouldBe(reader.Length);
                return Integer(reader.ReadInt64());

            case RespType.Boolean:
                return Boolean(reader.ReadBoolean());

            case RespType.Array or RespType.Map or RespType.Set or RespType.Push:
                reader.IsAggregate.ShouldBeTrue();
                reader.ChildTokenCount.ShouldBe(reader.Type == RespType.Map ? reader.Length * 2 : reader.Length);
                return Aggregate(reader.Type, reader.Length);
        }

        reader.IsAggregate.ShouldBeFalse();
        reader.ChildTokenCount.ShouldBe(0);
        var payload = reader.ReadBytes().ShouldNotBeNull();
        reader.PayloadLength.ShouldBe(payload.Length);
        reader.PayloadEquals(payload).ShouldBeTrue();
        if (payload.Length > 0)
        {
            var different = (byte[])payload.Clone();
            different[^1] ^= 0x01;
            reader.PayloadEquals(different).ShouldBeFalse();
        }

        reader.ReadString().ShouldBe(Encoding.UTF8.GetString(payload));
        reader.IsError.ShouldBe(reader.Type is RespType.SimpleError or RespType.BulkError);
        return reader.Type switch
        {
            RespType.Double => $"Double {Format(reader.ReadDouble())} '{Escape(payload)}'",
            RespType.BulkString or RespType.BulkError => $"{reader.Type}[{reader.Length}] '{Escape(payload)}'",
            _ => Text(reader.Type, payload),
        };
    }

    /// <summary>Reads exactly one frame (which must be complete) and returns its tokens, attributes skipped.</summary>
    public static List<string> ReadFrame(ReadOnlySequence<byte> sequence, out long consumed)
    {
        var reader = new RespReader(sequence);
        var tokens = new List<string>();
        long remaining = 1;
        while (remaining > 0)
        {
            reader.TryReadToken().ShouldBeTrue($"the frame ended early after {tokens.Count} tokens");
            tokens.Add(Describe(ref reader));
            remaining += reader.ChildTokenCount - 1;
        }

        consumed = reader.Consumed;
        return tokens;
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static string Hex(ReadOnlySequence<byte> bytes) => Convert.ToHexString(bytes.ToArray());

    private static string Text(RespType type, byte[] payload) => $"{type} '{Escape(payload)}'";

    // -0 must stay distinguishable from 0, so doubles are compared by their round-trip text.
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7F and not (byte)'\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
            }
        }

        return text.ToString();
    }
}
