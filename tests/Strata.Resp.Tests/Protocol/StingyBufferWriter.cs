using System.Buffers;

namespace Strata.Resp.Tests.Protocol;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that hands out exactly the size asked for, in a fresh array each
/// time, so every growth path of a writer runs and a write past the promised span cannot go unnoticed.
/// </summary>
internal sealed class StingyBufferWriter : IBufferWriter<byte>
{
    private readonly List<byte> _written = [];
    private byte[] _current = [];

    public int GetSpanCalls { get; private set; }

    public byte[] Written => [.. _written];

    public void Advance(int count)
    {
        if (count < 0 || count > _current.Length)
        {
            throw new InvalidOperationException($"Advance({count}) past the {_current.Length} bytes handed out.");
        }

        _written.AddRange(_current.AsSpan(0, count));
        _current = _current[count..];
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        GetSpanCalls++;
        _current = new byte[Math.Max(sizeHint, 1)];
        return _current;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
