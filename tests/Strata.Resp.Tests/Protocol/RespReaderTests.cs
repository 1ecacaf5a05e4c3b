using System.Buffers;
using System.Text;
using Strata.Resp.Protocol;

namespace Strata.Resp.Tests.Protocol;

/// <summary>The reader decodes every corpus frame the same way whatever the segmentation of its buffer.</summary>
public sealed class RespReaderTests
{
    public static TheoryData<string> Frames => RespCorpus.Names;

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryReadToken_WholeFrame_DecodesExpectedTokens(string name)
    {
        var frame = RespCorpus.Get(name);

        var tokens = RespTokens.ReadFrame(new ReadOnlySequence<byte>(frame.Bytes), out var consumed);

        tokens.ShouldBe(frame.Tokens);
        consumed.ShouldBe(frame.Bytes.Length);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryReadToken_FrameFollowedByOtherBytes_StopsAtFrameEnd(string name)
    {
        var frame = RespCorpus.Get(name);
        byte[] buffer = [.. frame.Bytes, .. "+next\r\n"u8, 0x00];

        var tokens = RespTokens.ReadFrame(new ReadOnlySequence<byte>(buffer), out var consumed);

        tokens.ShouldBe(frame.Tokens);
        consumed.ShouldBe(frame.Bytes.Length);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryReadToken_SplitAtEveryOffset_DecodesExpectedTokens(string name)
    {
        var frame = RespCorpus.Get(name);

        for (var at = 0; at <= frame.Bytes.Length; at++)
        {
            var tokens = RespTokens.ReadFrame(Segments.SplitAt(frame.Bytes, at), out var consumed);

            tokens.ShouldBe(frame.Tokens, $"split at {at}");
            consumed.ShouldBe(frame.Bytes.Length, $"split at {at}");
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryReadToken_OneBytePerSegment_DecodesExpectedTokens(string name)
    {
        var frame = RespCorpus.Get(name);

        var tokens = RespTokens.ReadFrame(Segments.Chunked(frame.Bytes, 1), out var consumed);

        tokens.ShouldBe(frame.Tokens);
        consumed.ShouldBe(frame.Bytes.Length);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryReadToken_EmptySegmentsBetweenBytes_DecodesExpectedTokens(string name)
    {
        var frame = RespCorpus.Get(name);

        var tokens = RespTokens.ReadFrame(Segments.OneByteWithEmpties(frame.Bytes), out var consumed);

        tokens.ShouldBe(frame.Tokens);
        consumed.ShouldBe(frame.Bytes.Length);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryReadToken_SliceStartingInsideASegment_DecodesExpectedTokens(string name)
    {
        var frame = RespCorpus.Get(name);

        var tokens = RespTokens.ReadFrame(Segments.Padded(frame.Bytes), out var consumed);

        tokens.ShouldBe(frame.Tokens);
        consumed.ShouldBe(frame.Bytes.Length);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TrySkipFrame_WholeFrameInAnyShape_ConsumesExactlyTheFrame(string name)
    {
        var frame = RespCorpus.Get(name);
        byte[] buffer = [.. frame.Bytes, .. ":1\r\n"u8];

        foreach (var sequence in new[] { new ReadOnlySequence<byte>(buffer), Segments.Chunked(buffer, 1), Segments.Chunked(buffer, 3) })
        {
            var reader = new RespReader(sequence);

            reader.TrySkipFrame().ShouldBeTrue();
            reader.Consumed.ShouldBe(frame.Bytes.Length);
            reader.TryReadToken().ShouldBeTrue();
            reader.Type.ShouldBe(RespType.Integer);
            reader.Integer.ShouldBe(1);
            reader.TryReadToken().ShouldBeFalse();
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TrySkipFrame_EveryTruncation_ReturnsFalse(string name)
    {
        var frame = RespCorpus.Get(name);

        for (var length = 0; length < frame.Bytes.Length; length++)
        {
            var reader = new RespReader(new ReadOnlySequence<byte>(frame.Bytes, 0, length));
            reader.TrySkipFrame().ShouldBeFalse($"truncated to {length} bytes");

            var segmented = new RespReader(Segments.Chunked(frame.Bytes[..length], 1));
            segmented.TrySkipFrame().ShouldBeFalse($"truncated to {length} bytes, one byte per segment");
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void ReadToken_TruncatedFrame_ThrowsProtocolException(string name)
    {
        var frame = RespCorpus.Get(name);
        var truncated = frame.Bytes[..^1];

        Should.Throw<RespProtocolException>(() =>
        {
            var reader = new RespReader(truncated);
            var remaining = 1L;
            while (remaining > 0)
            {
                reader.ReadToken();
                remaining += reader.ChildTokenCount - 1;
            }
        });
    }

    [Theory]
    [InlineData("*1\r\n")]
    [InlineData("%1\r\n+k\r\n")]
    [InlineData("*1\r\n|1\r\n+a\r\n+b\r\n")]
    [InlineData("|1\r\n")]
    public void TrySkipFrameAndTryFindFrame_NestedThousandsDeep_StackDoesNotGrowWithNesting(string level)
    {
        // A server (or anything between it and us) can nest frames arbitrarily; a stack overflow cannot be
        // caught and kills the process, so stack use must be bounded whether the answer is false or an error.
        // Runs on a large stack so that an unbounded recursion fails this test instead of the test host.
        var shallow = MaxStackFrames(level, 10);
        var deep = MaxStackFrames(level, 5_000);

        (deep.Reader - shallow.Reader).ShouldBeLessThan(500, "reader: stack frames at the innermost level, 5000 vs 10 levels deep");
        (deep.Scanner - shallow.Scanner).ShouldBeLessThan(500, "scanner: stack frames at the innermost level, 5000 vs 10 levels deep");
    }

    [Fact]
    public void TryReadToken_EmptyBuffer_ReturnsFalse()
    {
        var reader = new RespReader(ReadOnlySequence<byte>.Empty);

        reader.TryReadToken().ShouldBeFalse();
        reader.Consumed.ShouldBe(0);
    }

    [Fact]
    public void TrySkipTokens_MapChildren_SkipsKeysAndValues()
    {
        var reader = new RespReader("%2\r\n+a\r\n*2\r\n:1\r\n:2\r\n+b\r\n_\r\n:9\r\n"u8.ToArray());

        reader.TryReadToken().ShouldBeTrue();
        reader.ChildTokenCount.ShouldBe(4);
        reader.TrySkipChildren().ShouldBeTrue();
        reader.TryReadToken().ShouldBeTrue();

        reader.Integer.ShouldBe(9);
    }

    [Fact]
    public void SkipChildren_ChildrenMissing_ThrowsProtocolException()
    {
        Should.Throw<RespProtocolException>(() =>
        {
            var reader = new RespReader("*3\r\n:1\r\n:2\r\n"u8.ToArray());
            reader.ReadToken();
            reader.SkipChildren();
        });
    }

    [Fact]
    public void ChildTokenCount_NonAggregateAndNullArray_IsZero()
    {
        var reader = new RespReader("$3\r\nabc\r\n*-1\r\n:5\r\n"u8.ToArray());

        reader.TryReadToken().ShouldBeTrue();
        reader.ChildTokenCount.ShouldBe(0);
        reader.TryReadToken().ShouldBeTrue();
        reader.IsNull.ShouldBeTrue();
        reader.ChildTokenCount.ShouldBe(0);
        reader.TryReadToken().ShouldBeTrue();
        reader.ChildTokenCount.ShouldBe(0);
        reader.Length.ShouldBe(5);
    }

    [Theory]
    [InlineData("$3\r\n123\r\n", 123)]
    [InlineData("+-9223372036854775808\r\n", long.MinValue)]
    [InlineData("$19\r\n9223372036854775807\r\n", long.MaxValue)]
    [InlineData(":-7\r\n", -7)]
    public void ReadInt64_StringHoldingInteger_ParsesIt(string frame, long expected)
    {
        var reader = new RespReader(Encoding.ASCII.GetBytes(frame));
        reader.TryReadToken().ShouldBeTrue();

        reader.ReadInt64().ShouldBe(expected);
    }

    [Theory]
    [InlineData("$3\r\nabc\r\n")]
    [InlineData("$0\r\n\r\n")]
    [InlineData("$-1\r\n")]
    [InlineData("*1\r\n")]
    [InlineData("$21\r\n123456789012345678901\r\n")]
    [InlineData("+12 \r\n")]
    public void ReadInt64_NotAnInteger_ThrowsProtocolException(string frame)
    {
        Should.Throw<RespProtocolException>(() =>
        {
            var reader = new RespReader(Encoding.ASCII.GetBytes(frame));
            reader.ReadToken();
            reader.ReadInt64();
        });
    }

    [Theory]
    [InlineData("$3\r\n1.5\r\n", 1.5)]
    [InlineData("+-2.25e2\r\n", -225.0)]
    [InlineData(":42\r\n", 42.0)]
    [InlineData("$4\r\n+inf\r\n", double.PositiveInfinity)]
    [InlineData("$4\r\n-inf\r\n", double.NegativeInfinity)]
    public void ReadDouble_NumericToken_ParsesIt(string frame, double expected)
    {
        var reader = new RespReader(Encoding.ASCII.GetBytes(frame));
        reader.TryReadToken().ShouldBeTrue();

        reader.ReadDouble().ShouldBe(expected);
    }

    [Theory]
    [InlineData("$3\r\nabc\r\n")]
    [InlineData("_\r\n")]
    [InlineData("%0\r\n")]
    public void ReadDouble_NotANumber_ThrowsProtocolException(string frame)
    {
        Should.Throw<RespProtocolException>(() =>
        {
            var reader = new RespReader(Encoding.ASCII.GetBytes(frame));
            reader.ReadToken();
            reader.ReadDouble();
        });
    }

    [Theory]
    [InlineData("#t\r\n", true)]
    [InlineData("#f\r\n", false)]
    [InlineData(":1\r\n", true)]
    [InlineData(":0\r\n", false)]
    public void ReadBoolean_BooleanOrInteger_ReturnsValue(string frame, bool expected)
    {
        var reader = new RespReader(Encoding.ASCII.GetBytes(frame));
        reader.TryReadToken().ShouldBeTrue();

        reader.ReadBoolean().ShouldBe(expected);
    }

    [Fact]
    public void ReadBoolean_SimpleString_ThrowsProtocolException()
    {
        Should.Throw<RespProtocolException>(() =>
        {
            var reader = new RespReader("+t\r\n"u8.ToArray());
            reader.ReadToken();
            reader.ReadBoolean();
        });
    }

    [Fact]
    public void Integer_TokenIsNotAnInteger_ThrowsProtocolException()
    {
        Should.Throw<RespProtocolException>(() =>
        {
            var reader = new RespReader("+1\r\n"u8.ToArray());
            reader.ReadToken();
            _ = reader.Integer;
        });
    }

    [Fact]
    public void PayloadEqualsIgnoreCase_PayloadSplitAcrossSegments_ComparesIgnoringAsciiCase()
    {
        var reader = new RespReader(Segments.Chunked("+Pong\r\n"u8.ToArray(), 2));
        reader.TryReadToken().ShouldBeTrue();

        reader.PayloadEqualsIgnoreCase("PONG"u8).ShouldBeTrue();
        reader.PayloadEqualsIgnoreCase("PING"u8).ShouldBeFalse();
        reader.PayloadEqualsIgnoreCase("PONGS"u8).ShouldBeFalse();
    }

    [Fact]
    public void PayloadEqualsIgnoreCase_PayloadLongerThan256Bytes_ComparesIgnoringAsciiCase()
    {
        var text = string.Concat(Enumerable.Repeat("Abc", 100));
        var reader = new RespReader(Encoding.ASCII.GetBytes($"+{text}\r\n"));
        reader.TryReadToken().ShouldBeTrue();

        reader.PayloadEqualsIgnoreCase(Encoding.ASCII.GetBytes(text.ToUpperInvariant())).ShouldBeTrue();
        reader.PayloadEqualsIgnoreCase(Encoding.ASCII.GetBytes(text.ToUpperInvariant().Replace('C', 'D'))).ShouldBeFalse();
    }

    [Fact]
    public void CopyPayloadTo_PayloadSplitAcrossSegments_CopiesAllBytes()
    {
        var reader = new RespReader(Segments.Chunked("$10\r\n0123456789\r\n"u8.ToArray(), 4));
        reader.TryReadToken().ShouldBeTrue();
        var destination = new byte[10];

        reader.CopyPayloadTo(destination);

        destination.ShouldBe("0123456789"u8.ToArray());
    }

    [Fact]
    public void TryReadToken_BulkAtConfiguredLimit_IsAccepted()
    {
        var reader = new RespReader(new ReadOnlySequence<byte>("$4\r\nabcd\r\n"u8.ToArray()), maxBulkLength: 4, maxAggregateLength: 2);

        reader.TryReadToken().ShouldBeTrue();

        reader.ReadString().ShouldBe("abcd");
    }

    [Fact]
    public void TryReadToken_AggregateAtConfiguredLimit_IsAccepted()
    {
        var reader = new RespReader(new ReadOnlySequence<byte>("%2\r\n"u8.ToArray()), maxBulkLength: 4, maxAggregateLength: 2);

        reader.TryReadToken().ShouldBeTrue();

        reader.Length.ShouldBe(2);
    }

    [Fact]
    public void TryReadToken_LargeBulkStillArriving_ReturnsFalse()
    {
        // 1 MiB announced, 10 bytes present: "not yet", not an error and not a read past the end.
        var reader = new RespReader("$1048576\r\n0123456789"u8.ToArray());

        reader.TryReadToken().ShouldBeFalse();
    }

    private static (int Reader, int Scanner) MaxStackFrames(string level, int depth)
    {
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(level, depth)));
        var result = (Reader: 0, Scanner: 0);
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = (Probe(bytes, static b => new RespReader(b).TrySkipFrame()), Probe(bytes, static b => new RespFrameScanner(RespLimits.DefaultMaxBulkLength, RespLimits.DefaultMaxAggregateLength).TryFindFrame(b, out _)));
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            },
            maxStackSize: 64 * 1024 * 1024);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new ShouldAssertException($"nesting {depth} deep threw {failure}");
        }

        return result;

        static int Probe(byte[] bytes, Func<ReadOnlySequence<byte>, bool> parse)
        {
            // Everything but the last byte in one segment; the last byte in a probe segment read at the innermost level.
            var probe = new StackProbeMemory(bytes[^1..]);
            var first = new BufferSegment(bytes[..^1]);
            var last = first.Append(probe.Memory);
            try
            {
                parse(new ReadOnlySequence<byte>(first, 0, last, 1)).ShouldBeFalse();
            }
            catch (RespProtocolException)
            {
                // Rejecting deep nesting is as good an answer as waiting for the rest of it.
            }

            probe.MaxFrames.ShouldBeGreaterThan(0, "the reader never reached the last byte");
            return probe.MaxFrames;
        }
    }
}
