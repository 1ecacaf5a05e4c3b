using System.Buffers;
using System.Text;
using Strata.Resp.Buffers;
using Strata.Resp.Protocol;

namespace Strata.Resp.Tests.Protocol;

/// <summary>Commands are written as RESP arrays of bulk strings, byte for byte, whatever the output's growth.</summary>
public sealed class RespWriterTests
{
    [Fact]
    public void WriteBulk_SetCommand_WritesArrayOfBulkStrings()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new RespWriter(output);

        writer.WriteArrayHeader(3);
        writer.WriteBulk("SET"u8);
        writer.WriteBulk("k");
        writer.WriteBulk("value");
        writer.Commit();

        Text(output.WrittenSpan).ShouldBe("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n");
    }

    [Fact]
    public void Commit_NothingWritten_LeavesOutputEmpty()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new RespWriter(output);

        writer.Commit();

        output.WrittenCount.ShouldBe(0);
    }

    [Fact]
    public void Commit_BeforeCommit_NothingIsAdvanced()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new RespWriter(output);
        writer.WriteArrayHeader(1);
        writer.WriteBulk("PING"u8);

        output.WrittenCount.ShouldBe(0);

        writer.Commit();
        Text(output.WrittenSpan).ShouldBe("*1\r\n$4\r\nPING\r\n");
    }

    [Fact]
    public void Commit_SeveralCommandsInOneOutput_AreWrittenBackToBack()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new RespWriter(output);
        writer.WriteArrayHeader(1);
        writer.WriteBulk("PING"u8);
        writer.Commit();

        writer.WriteArrayHeader(2);
        writer.WriteBulk("GET"u8);
        writer.WriteBulk("key");
        writer.Commit();

        Text(output.WrittenSpan).ShouldBe("*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n");
    }

    [Theory]
    [InlineData("h\u00E9llo", 6)]
    [InlineData("\u65E5\u672C", 6)]
    [InlineData("\U0001F600", 4)]
    [InlineData("", 0)]
    public void WriteBulk_Utf8String_HeaderCountsEncodedBytes(string value, int byteLength)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new RespWriter(output);

        writer.WriteBulk(value);
        writer.Commit();

        output.WrittenSpan.ToArray().ShouldBe([.. Encoding.ASCII.GetBytes($"${byteLength}\r\n"), .. Encoding.UTF8.GetBytes(value), .. "\r\n"u8]);
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-1L, "-1")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    public void WriteBulk_Int64_WritesDecimalText(long value, string text)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new RespWriter(output);

        writer.WriteBulk(value);
        writer.Commit();

        Text(output.WrittenSpan).ShouldBe($"${text.Length}\r\n{text}\r\n");
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(1e300, "1E+300")]
    [InlineData(double.PositiveInfinity, "+inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void WriteBulk_Double_WritesRedisNumberText(double value, string text)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new RespWriter(output);

        writer.WriteBulk(value);
        writer.Commit();

        Text(output.WrittenSpan).ShouldBe($"${text.Length}\r\n{text}\r\n");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0 / 3)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(-123456.789e-200)]
    public void WriteBulk_Double_TextRoundTripsToTheSameValue(double value)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new RespWriter(output);
        writer.WriteBulk(value);
        writer.Commit();

        var reader = new RespReader(output.WrittenMemory);
        reader.TryReadToken().ShouldBeTrue();

        reader.ReadDouble().ShouldBe(value);
    }

    [Fact]
    public void WriteBulk_LargeValues_GrowTheBufferAndStayExact()
    {
        var large = new byte[100 * 1024];
        new Random(20261121).NextBytes(large);
        var largeText = new string('\u00E9', 60 * 1024);
        using var output = new PooledBufferWriter(initialCapacity: 16);
        var writer = new RespWriter(output);

        writer.WriteArrayHeader(4);
        writer.WriteBulk("SET"u8);
        writer.WriteBulk(large);
        writer.WriteBulk(largeText);
        writer.WriteBulk(long.MinValue);
        writer.Commit();

        byte[] expected =
        [
            .. "*4\r\n$3\r\nSET\r\n"u8,
            .. "$102400\r\n"u8, .. large, .. "\r\n"u8,
            .. "$122880\r\n"u8, .. Encoding.UTF8.GetBytes(largeText), .. "\r\n"u8,
            .. "$20\r\n-9223372036854775808\r\n"u8,
        ];
        output.WrittenSpan.SequenceEqual(expected).ShouldBeTrue();
    }

    [Fact]
    public void WriteBulk_OutputGivingExactlyTheSizeAsked_WritesSameBytesAsAGenerousOutput()
    {
        var stingy = new StingyBufferWriter();
        var generous = new ArrayBufferWriter<byte>();

        Write(stingy);
        Write(generous);

        stingy.Written.ShouldBe(generous.WrittenSpan.ToArray());
        stingy.GetSpanCalls.ShouldBeGreaterThan(1);

        static void Write(IBufferWriter<byte> output)
        {
            var writer = new RespWriter(output);
            writer.WriteArrayHeader(6);
            writer.WriteBulk("HSET"u8);
            writer.WriteBulk(new string('k', 300));
            writer.WriteBulk(new byte[1000]);
            writer.WriteBulk(-42L);
            writer.WriteBulk(2.5);
            writer.WriteBulk("\u00E9t\u00E9");
            writer.Commit();
        }
    }

    [Fact]
    public void WriteBulk_Command_RoundTripsThroughReader()
    {
        byte[] binary = [0, 13, 10, 255, (byte)'$', (byte)'*'];
        var big = new string('v', 70_000);
        var output = new ArrayBufferWriter<byte>(initialCapacity: 1);
        var writer = new RespWriter(output);
        writer.WriteArrayHeader(6);
        writer.WriteBulk("MSET"u8);
        writer.WriteBulk("cl\u00E9");
        writer.WriteBulk(binary);
        writer.WriteBulk(big);
        writer.WriteBulk(long.MinValue);
        writer.WriteBulk(double.NegativeInfinity);
        writer.Commit();

        var tokens = RespTokens.ReadFrame(Segments.Chunked(output.WrittenSpan.ToArray(), 7), out var consumed);

        consumed.ShouldBe(output.WrittenCount);
        tokens.ShouldBe(
        [
            RespTokens.Aggregate(RespType.Array, 6),
            RespTokens.Bulk("MSET"),
            RespTokens.Bulk("cl\u00E9"),
            RespTokens.Bulk(binary),
            RespTokens.Bulk(big),
            RespTokens.Bulk("-9223372036854775808"),
            RespTokens.Bulk("-inf"),
        ]);
        var scanner = new RespFrameScanner(RespLimits.DefaultMaxBulkLength, RespLimits.DefaultMaxAggregateLength);
        scanner.TryFindFrame(new ReadOnlySequence<byte>(output.WrittenMemory), out var length).ShouldBeTrue();
        length.ShouldBe(output.WrittenCount);
    }

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
