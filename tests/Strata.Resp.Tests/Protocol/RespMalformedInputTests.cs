using System.Buffers;
using System.Text;
using Strata.Resp.Protocol;

namespace Strata.Resp.Tests.Protocol;

/// <summary>
/// Bytes that are not RESP fail with <see cref="RespProtocolException"/> in every buffer shape: never a
/// wait for data that cannot make the frame valid, never an index or overflow exception.
/// </summary>
public sealed class RespMalformedInputTests
{
    /// <summary>Malformed input (Latin-1 text, so any byte can be written) and what is wrong with it.</summary>
    public static TheoryData<string, string> Malformed => new()
    {
        { "unknown prefix", "X" },
        { "unknown prefix NUL", "\u0000" },
        { "unknown prefix @", "@5\r\n" },
        { "leading space", " +OK\r\n" },
        { "bare CRLF", "\r\n" },
        { "unknown prefix inside array", "*2\r\n:1\r\n?\r\n" },
        { "unknown prefix after attribute", "|1\r\n+a\r\n+b\r\n^\r\n" },
        { "bulk length letters", "$abc\r\n" },
        { "bulk length trailing letter", "$1a\r\n" },
        { "bulk length inner space", "$ 1\r\n" },
        { "bulk length decimal point", "$1.5\r\n" },
        { "bulk length two signs", "$--1\r\n" },
        { "array count letters", "*x\r\n" },
        { "integer no digits", ":\r\n" },
        { "integer sign only", ":-\r\n" },
        { "integer plus only", ":+\r\n" },
        { "bulk length no digits", "$\r\n" },
        { "array count no digits", "*\r\n" },
        { "map count no digits", "%\r\n" },
        { "integer trailing letter", ":12a\r\n" },
        { "integer trailing space", ":1 \r\n" },
        { "integer hex", ":0x10\r\n" },
        { "bulk payload not followed by CRLF", "$3\r\nfooXY" },
        { "bulk payload followed by LF LF", "$3\r\nfoo\n\n" },
        { "empty bulk not followed by CRLF", "$0\r\nXX" },
        { "bulk error payload not followed by CRLF", "!3\r\nerrXY" },
        { "verbatim payload not followed by CRLF", "=5\r\ntxt:aXY" },
        { "simple string LF without CR", "+OK\n" },
        { "simple error LF without CR", "-ERR\n" },
        { "simple string LF inside", "+O\nK\r\n" },
        { "integer LF without CR", ":1\n" },
        { "bulk header LF without CR", "$3\n" },
        { "array header LF without CR", "*1\n" },
        { "null LF without CR", "_\n" },
        { "boolean LF without CR", "#t\n" },
        { "simple string CR then X", "+OK\rX" },
        { "simple string CR CR LF", "+OK\r\r\n" },
        { "integer CR then X", ":1\rX" },
        { "bulk header CR then X", "$3\rX" },
        { "bulk payload CR then X", "$3\r\nfoo\rX" },
        { "array header CR CR", "*1\r\r" },
        { "null CR then X", "_\rX" },
        { "bulk length -2", "$-2\r\n" },
        { "array count -5", "*-5\r\n" },
        { "bulk length hugely negative", "$-9223372036854775807\r\n" },
        { "verbatim length -2", "=-2\r\n" },
        { "map null", "%-1\r\n" },
        { "bulk error null", "!-1\r\n" },
        { "verbatim null", "=-1\r\n" },
        { "set null", "~-1\r\n" },
        { "push null", ">-1\r\n" },
        { "attribute null", "|-1\r\n" },
        { "bulk length beyond limit", "$999999999999\r\n" },
        { "bulk length just beyond limit", "$536870913\r\n" },
        { "bulk length beyond int", "$2147483648\r\n" },
        { "array count of 20 digits", "*99999999999999999999\r\n" },
        { "array count of 19 digits beyond long", "*9999999999999999999\r\n" },
        { "bulk length of 19 digits beyond long", "$9223372036854775808\r\n" },
        { "integer just beyond long.MaxValue", ":9223372036854775808\r\n" },
        { "integer just beyond long.MinValue", ":-9223372036854775809\r\n" },
        { "integer of 21 digits", ":123456789012345678901\r\n" },
        { "array count just beyond limit", "*16777217\r\n" },
        { "map count just beyond limit", "%16777217\r\n" },
        { "boolean x", "#x\r\n" },
        { "boolean empty", "#\r\n" },
        { "boolean tt", "#tt\r\n" },
        { "boolean upper T", "#T\r\n" },
        { "boolean 1", "#1\r\n" },
        { "null with content", "_x\r\n" },
        { "null with space", "_ \r\n" },
        { "double letters", ",abc\r\n" },
        { "double empty", ",\r\n" },
        { "double two points", ",1.5.5\r\n" },
        { "double comma", ",1,5\r\n" },
        { "double leading space", ", 1\r\n" },
        { "double trailing space", ",1.5 \r\n" },
        { "double dangling exponent", ",1e\r\n" },
        { "double two signs", ",--1\r\n" },
        { "double hex", ",0x10\r\n" },
        { "double longer than 128 bytes", "," + new string('1', 129) + "\r\n" },
        { "big number letters", "(12a3\r\n" },
        { "big number empty", "(\r\n" },
        { "big number sign only", "(-\r\n" },
        { "big number decimal point", "(1.5\r\n" },
        { "big number two signs", "(+-1\r\n" },
        { "big number leading space", "( 1\r\n" },
        { "verbatim shorter than 4 bytes", "=3\r\ntxt\r\n" },
        { "verbatim empty", "=0\r\n\r\n" },
        { "verbatim without colon", "=5\r\ntxtab\r\n" },
        { "verbatim colon at index 2", "=4\r\ntx:t\r\n" },
        { "verbatim semicolon at index 3", "=15\r\ntxt;Some string\r\n" },
        { "bad element deep in array", "*2\r\n*1\r\n:1\r\n#x\r\n" },
        { "bulk longer than declared in map", "%1\r\n+k\r\n$2\r\nabc\r\n" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TrySkipFrame_MalformedInput_ThrowsProtocolException(string what, string input)
    {
        var bytes = Encoding.Latin1.GetBytes(input);

        Should.Throw<RespProtocolException>(() => SkipAll(new ReadOnlySequence<byte>(bytes)), what);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryFindFrame_MalformedInput_ThrowsProtocolException(string what, string input)
    {
        var bytes = Encoding.Latin1.GetBytes(input);

        Should.Throw<RespProtocolException>(() => Scan(new ReadOnlySequence<byte>(bytes)), what);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryFindFrameAndTrySkipFrame_MalformedInputInAnySegmentation_ThrowsProtocolException(string what, string input)
    {
        var bytes = Encoding.Latin1.GetBytes(input);

        for (var at = 0; at <= bytes.Length; at++)
        {
            var split = Segments.SplitAt(bytes, at);
            Should.Throw<RespProtocolException>(() => Scan(split), $"{what}, split at {at}");
            Should.Throw<RespProtocolException>(() => SkipAll(split), $"{what}, split at {at}");
        }

        Should.Throw<RespProtocolException>(() => Scan(Segments.OneByteWithEmpties(bytes)), $"{what}, one byte per segment");
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryFindFrame_MalformedInputArrivingByteByByte_NeverReportsAFrameAndThrowsByTheEnd(string what, string input)
    {
        var bytes = Encoding.Latin1.GetBytes(input);
        var scanner = new RespFrameScanner(RespLimits.DefaultMaxBulkLength, RespLimits.DefaultMaxAggregateLength);

        for (var available = 0; available <= bytes.Length; available++)
        {
            try
            {
                scanner.TryFindFrame(new ReadOnlySequence<byte>(bytes, 0, available), out _).ShouldBeFalse($"{what}: {available} bytes");
            }
            catch (RespProtocolException)
            {
                return;
            }
        }

        throw new ShouldAssertException($"{what}: the scanner never rejected the input");
    }

    [Fact]
    public void TryReadToken_BulkLengthOverConfiguredLimit_ThrowsBeforeThePayloadArrives()
    {
        Should.Throw<RespProtocolException>(() =>
        {
            var reader = new RespReader(new ReadOnlySequence<byte>("$11\r\n"u8.ToArray()), maxBulkLength: 10, maxAggregateLength: 10);
            reader.TryReadToken();
        });
    }

    [Fact]
    public void TryReadToken_AggregateCountOverConfiguredLimit_ThrowsBeforeTheChildrenArrive()
    {
        foreach (var header in new[] { "*11\r\n", "%11\r\n", "~11\r\n", ">11\r\n", "|11\r\n" })
        {
            Should.Throw<RespProtocolException>(
                () =>
                {
                    var reader = new RespReader(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(header)), maxBulkLength: 10, maxAggregateLength: 10);
                    reader.TryReadToken();
                },
                header);
        }
    }

    [Fact]
    public void TryReadToken_LineOverConfiguredLimitWithoutCrlf_ThrowsInsteadOfWaiting()
    {
        // A simple string has no length header: without a cap, a stream that never sends CR would be waited on forever.
        var line = "+" + new string('a', 20);

        Should.Throw<RespProtocolException>(() =>
        {
            var reader = new RespReader(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(line)), maxBulkLength: 10, maxAggregateLength: 10);
            reader.TryReadToken();
        });
        Should.Throw<RespProtocolException>(() =>
        {
            var reader = new RespReader(Segments.Chunked(Encoding.ASCII.GetBytes(line), 3), maxBulkLength: 10, maxAggregateLength: 10);
            reader.TryReadToken();
        });
    }

    [Fact]
    public void TryFindFrame_OverConfiguredLimits_ThrowsProtocolException()
    {
        var scanner = new RespFrameScanner(maxBulkLength: 10, maxAggregateLength: 10);

        Should.Throw<RespProtocolException>(() => scanner.TryFindFrame(new ReadOnlySequence<byte>("*1\r\n$11\r\n"u8.ToArray()), out _));
        scanner.Reset();
        Should.Throw<RespProtocolException>(() => scanner.TryFindFrame(new ReadOnlySequence<byte>("*1\r\n*11\r\n"u8.ToArray()), out _));
    }

    [Fact]
    public void TryFindFrame_WithinConfiguredLimits_FindsFrame()
    {
        var scanner = new RespFrameScanner(maxBulkLength: 10, maxAggregateLength: 10);
        var frame = "*1\r\n$10\r\n0123456789\r\n"u8.ToArray();

        scanner.TryFindFrame(new ReadOnlySequence<byte>(frame), out var length).ShouldBeTrue();

        length.ShouldBe(frame.Length);
    }

    private static void Scan(ReadOnlySequence<byte> buffer)
    {
        var scanner = new RespFrameScanner(RespLimits.DefaultMaxBulkLength, RespLimits.DefaultMaxAggregateLength);
        for (var frames = 0; frames <= buffer.Length && scanner.TryFindFrame(buffer, out var length); frames++)
        {
            buffer = buffer.Slice(length);
        }
    }

    private static void SkipAll(ReadOnlySequence<byte> buffer)
    {
        var reader = new RespReader(buffer);
        for (var frames = 0; frames <= buffer.Length && reader.TrySkipFrame(); frames++)
        {
        }
    }
}
