using System.Buffers;
using System.Diagnostics;

namespace Strata.Resp.Tests.Protocol;

/// <summary>
/// Memory that records how deep the call stack is whenever its span is taken: placed as the last segment
/// of a sequence, it shows how much stack the reader uses at the innermost point of a nested frame.
/// </summary>
internal sealed class StackProbeMemory(byte[] data) : MemoryManager<byte>
{
    public int MaxFrames { get; private set; }

    public override Span<byte> GetSpan()
    {
        MaxFrames = Math.Max(MaxFrames, new StackTrace().FrameCount);
        return data;
    }

    public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

    public override void Unpin() => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
    }
}
