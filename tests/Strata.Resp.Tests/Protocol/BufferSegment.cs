using System.Buffers;

namespace Strata.Resp.Tests.Protocol;

/// <summary>One link of a hand-built multi-segment <see cref="ReadOnlySequence{T}"/>, as a pipe would hand the reader.</summary>
internal sealed class BufferSegment : ReadOnlySequenceSegment<byte>
{
    public BufferSegment(ReadOnlyMemory<byte> memory)
    {
        Memory = memory;
    }

    public BufferSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new BufferSegment(memory) { RunningIndex = RunningIndex + Memory.Length };
        Next = next;
        return next;
    }
}
