using System.Buffers;
using Strata.Resp.Protocol;

namespace Strata.Resp.Tests.Protocol;

/// <summary>The scanner finds exactly where each frame ends, however the bytes arrive.</summary>
public sealed class RespFrameScannerTests
{
    public static TheoryData<string> Frames => RespCorpus.Names;

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryFindFrame_WholeFrame_ReportsItsLength(string name)
    {
        var frame = RespCorpus.Get(name);
        var scanner = NewScanner();

        scanner.TryFindFrame(new ReadOnlySequence<byte>(frame.Bytes), out var length).ShouldBeTrue();

        length.ShouldBe(frame.Bytes.Length);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryFindFrame_TrailingBytes_AreNotLookedAt(string name)
    {
        // The trailing bytes are not valid RESP: a scanner that read past the frame's end would throw.
        var frame = RespCorpus.Get(name);
        byte[] trailing = [(byte)'?', 0x00, (byte)'\n', (byte)'$', (byte)'-', (byte)'9'];
        byte[] buffer = [.. frame.Bytes, .. trailing];
        var scanner = NewScanner();

        scanner.TryFindFrame(new ReadOnlySequence<byte>(buffer), out var length).ShouldBeTrue();

        length.ShouldBe(frame.Bytes.Length);
        buffer[(int)length..].ShouldBe(trailing);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryFindFrame_SplitAtEveryOffset_ReportsItsLength(string name)
    {
        var frame = RespCorpus.Get(name);

        for (var at = 0; at <= frame.Bytes.Length; at++)
        {
            var scanner = NewScanner();

            scanner.TryFindFrame(Segments.SplitAt(frame.Bytes, at), out var length).ShouldBeTrue($"split at {at}");

            length.ShouldBe(frame.Bytes.Length, $"split at {at}");
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryFindFrame_OneBytePerSegment_ReportsItsLength(string name)
    {
        var frame = RespCorpus.Get(name);
        var scanner = NewScanner();

        scanner.TryFindFrame(Segments.OneByteWithEmpties(frame.Bytes), out var length).ShouldBeTrue();

        length.ShouldBe(frame.Bytes.Length);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryFindFrame_GrowingContiguousPrefix_FalseUntilCompleteThenLength(string name)
    {
        var frame = RespCorpus.Get(name);
        var scanner = NewScanner();

        for (var available = 0; available < frame.Bytes.Length; available++)
        {
            scanner.TryFindFrame(new ReadOnlySequence<byte>(frame.Bytes, 0, available), out _).ShouldBeFalse($"{available} bytes available");
        }

        scanner.TryFindFrame(new ReadOnlySequence<byte>(frame.Bytes), out var length).ShouldBeTrue();
        length.ShouldBe(frame.Bytes.Length);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void TryFindFrame_GrowingSegmentPerByte_FalseUntilCompleteThenLength(string name)
    {
        // Each call sees one more single-byte segment, the way a pipe appends a read's buffer.
        var frame = RespCorpus.Get(name);
        var whole = Segments.Chunked(frame.Bytes, 1);
        var scanner = NewScanner();

        for (var available = 0; available < frame.Bytes.Length; available++)
        {
            scanner.TryFindFrame(whole.Slice(0, available), out _).ShouldBeFalse($"{available} bytes available");
        }

        scanner.TryFindFrame(whole, out var length).ShouldBeTrue();
        length.ShouldBe(frame.Bytes.Length);
    }

    [Fact]
    public void TryFindFrame_AllFramesBackToBack_FindsEachInTurn()
    {
        var buffer = new ReadOnlySequence<byte>(RespCorpus.Concatenated());
        var scanner = NewScanner();

        foreach (var frame in RespCorpus.Frames)
        {
            scanner.TryFindFrame(buffer, out var length).ShouldBeTrue(frame.Name);
            length.ShouldBe(frame.Bytes.Length, frame.Name);
            RespTokens.ReadFrame(buffer.Slice(0, length), out _).ShouldBe(frame.Tokens, frame.Name);
            buffer = buffer.Slice(length);
        }

        buffer.Length.ShouldBe(0);
        scanner.TryFindFrame(buffer, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryFindFrame_BackToBackInOneByteSegments_FindsEachInTurn()
    {
        var buffer = Segments.Chunked(RespCorpus.Concatenated(), 1);
        var scanner = NewScanner();

        foreach (var frame in RespCorpus.Frames)
        {
            scanner.TryFindFrame(buffer, out var length).ShouldBeTrue(frame.Name);
            length.ShouldBe(frame.Bytes.Length, frame.Name);
            buffer = buffer.Slice(length);
        }

        buffer.Length.ShouldBe(0);
    }

    [Fact]
    public void TryFindFrame_BackToBackArrivingInRandomChunks_FindsEveryFrame()
    {
        // A read loop: append what arrived, take every complete frame, keep the rest for the next read.
        var stream = RespCorpus.Concatenated();
        var random = new Random(20261121);
        for (var round = 0; round < 50; round++)
        {
            var scanner = NewScanner();
            var found = new List<long>();
            var start = 0;
            var end = 0;
            while (end < stream.Length)
            {
                end = Math.Min(stream.Length, end + random.Next(1, 40));
                while (scanner.TryFindFrame(Segments.Chunked(stream[start..end], random.Next(1, 16)), out var length))
                {
                    found.Add(length);
                    start += (int)length;
                }
            }

            found.ShouldBe(RespCorpus.Frames.Select(static f => (long)f.Bytes.Length), $"round {round}");
            start.ShouldBe(stream.Length);
        }
    }

    [Fact]
    public void TryFindFrame_CalledAgainAfterFalse_DoesNotRescanCompletedTokens()
    {
        // The remarks promise a frame arriving in pieces is scanned once. Overwriting the tokens the first
        // call completed with bytes that are not RESP proves the second call resumed after them.
        var scanner = NewScanner();
        var first = "*3\r\n$3\r\nfoo\r\n$3\r\nba"u8.ToArray();
        scanner.TryFindFrame(new ReadOnlySequence<byte>(first), out _).ShouldBeFalse();

        byte[] second = [.. "*3\r\n"u8, .. "?????????"u8, .. "$3\r\nbar\r\n:1\r\n"u8];

        scanner.TryFindFrame(new ReadOnlySequence<byte>(second), out var length).ShouldBeTrue();
        length.ShouldBe(second.Length);
    }

    [Fact]
    public void Reset_AfterPartialFrame_StartsOverAtTheBufferStart()
    {
        var scanner = NewScanner();
        scanner.TryFindFrame(new ReadOnlySequence<byte>("*2\r\n:1\r\n"u8.ToArray()), out _).ShouldBeFalse();

        scanner.Reset();

        scanner.TryFindFrame(new ReadOnlySequence<byte>("+OK\r\n"u8.ToArray()), out var length).ShouldBeTrue();
        length.ShouldBe(5);
    }

    [Fact]
    public void TryFindFrame_AfterTrue_NextCallStartsANewFrame()
    {
        var scanner = NewScanner();
        scanner.TryFindFrame(new ReadOnlySequence<byte>("*1\r\n:1\r\n"u8.ToArray()), out _).ShouldBeTrue();

        scanner.TryFindFrame(new ReadOnlySequence<byte>(":22\r\n"u8.ToArray()), out var length).ShouldBeTrue();

        length.ShouldBe(5);
    }

    private static RespFrameScanner NewScanner() => new(RespLimits.DefaultMaxBulkLength, RespLimits.DefaultMaxAggregateLength);
}
