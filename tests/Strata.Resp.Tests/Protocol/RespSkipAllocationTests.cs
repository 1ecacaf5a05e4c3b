using System.Buffers;
using System.Globalization;
using System.Text;
using Strata.Resp.Protocol;

namespace Strata.Resp.Tests.Protocol;

/// <summary>Finding and skipping frames allocates nothing, however the frame is segmented.</summary>
public sealed class RespSkipAllocationTests
{
    private const int Elements = 1000;
    private const int Repetitions = 200;

    [Fact]
    public void TryFindFrameAndTrySkipFrame_LargeMultiSegmentFrame_AllocateNothing()
    {
        var bytes = BuildFrame();
        var buffer = Segments.Chunked(bytes, 64);
        buffer.IsSingleSegment.ShouldBeFalse();

        // Warm-up: JIT, tiering and any lazily initialized statics happen here, not in the measured loop.
        Work(buffer, bytes.Length);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Repetitions; i++)
        {
            Work(buffer, bytes.Length);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBe(0);
    }

    [Fact]
    public void TryFindFrame_LargeFrameArrivingInSegments_AllocatesNothing()
    {
        var bytes = BuildFrame();
        var buffer = Segments.Chunked(bytes, 64);
        ScanIncrementally(buffer, bytes.Length);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            ScanIncrementally(buffer, bytes.Length);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBe(0);
    }

    private static void Work(ReadOnlySequence<byte> buffer, long expectedLength)
    {
        var scanner = new RespFrameScanner(RespLimits.DefaultMaxBulkLength, RespLimits.DefaultMaxAggregateLength);
        if (!scanner.TryFindFrame(buffer, out var length) || length != expectedLength)
        {
            throw new ShouldAssertException("the scanner did not find the frame");
        }

        var reader = new RespReader(buffer);
        if (!reader.TrySkipFrame() || reader.Consumed != expectedLength)
        {
            throw new ShouldAssertException("the reader did not skip the frame");
        }

        // Reading token by token and comparing payloads in place is the other allocation-free path replies use.
        var tokens = new RespReader(buffer);
        tokens.TryReadToken();
        for (var i = 0; i < Elements; i++)
        {
            if (!tokens.TryReadToken() || tokens.PayloadLength != 16 || tokens.PayloadEquals("not-the-payload!"u8))
            {
                throw new ShouldAssertException($"element {i} was not read");
            }
        }
    }

    // Grows the visible buffer one 64-byte segment at a time, as reads would, resuming the same scanner.
    private static void ScanIncrementally(ReadOnlySequence<byte> buffer, long expectedLength)
    {
        var scanner = new RespFrameScanner(RespLimits.DefaultMaxBulkLength, RespLimits.DefaultMaxAggregateLength);
        for (long available = 64; available < expectedLength; available += 64)
        {
            if (scanner.TryFindFrame(buffer.Slice(0, available), out _))
            {
                throw new ShouldAssertException($"a frame was reported with only {available} bytes");
            }
        }

        if (!scanner.TryFindFrame(buffer, out var length) || length != expectedLength)
        {
            throw new ShouldAssertException("the scanner did not find the frame");
        }
    }

    // *1000 of 16-byte bulk strings: "$16\r\nelement-00000000\r\n" parts that straddle 64-byte segment ends.
    private static byte[] BuildFrame()
    {
        var text = new StringBuilder($"*{Elements}\r\n");
        for (var i = 0; i < Elements; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"$16\r\nelement-{i:D8}\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
