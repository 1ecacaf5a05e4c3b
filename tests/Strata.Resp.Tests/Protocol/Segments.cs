using System.Buffers;

namespace Strata.Resp.Tests.Protocol;

/// <summary>Builds the same bytes as differently segmented sequences, the shapes a socket read loop produces.</summary>
internal static class Segments
{
    /// <summary>One sequence whose segments are <paramref name="parts"/>, each copied into its own array so no segment can see its neighbour's bytes.</summary>
    public static ReadOnlySequence<byte> Of(params ReadOnlySpan<byte[]> parts)
    {
        if (parts.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new BufferSegment(parts[0].AsSpan().ToArray());
        var last = first;
        foreach (var part in parts[1..])
        {
            last = last.Append(part.AsSpan().ToArray());
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Two segments: <paramref name="data"/>[..at] and <paramref name="data"/>[at..] (either may be empty).</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] data, int at) => Of(data[..at], data[at..]);

    /// <summary>Segments of <paramref name="size"/> bytes (the last one shorter).</summary>
    public static ReadOnlySequence<byte> Chunked(byte[] data, int size)
    {
        var parts = new List<byte[]>();
        for (var offset = 0; offset < data.Length; offset += size)
        {
            parts.Add(data[offset..Math.Min(offset + size, data.Length)]);
        }

        return parts.Count == 0 ? ReadOnlySequence<byte>.Empty : Of([.. parts]);
    }

    /// <summary>One byte per segment with an empty segment before, between and after every byte.</summary>
    public static ReadOnlySequence<byte> OneByteWithEmpties(byte[] data)
    {
        var parts = new List<byte[]> { Array.Empty<byte>() };
        foreach (var b in data)
        {
            parts.Add([b]);
            parts.Add([]);
        }

        return Of([.. parts]);
    }

    /// <summary>
    /// <paramref name="data"/> as a slice that starts and ends inside padded segments, as a pipe's
    /// buffer does after earlier frames were consumed from it.
    /// </summary>
    public static ReadOnlySequence<byte> Padded(byte[] data)
    {
        byte[] garbage = [0x00, 0xFF, (byte)'*', (byte)'\r', (byte)'\n'];
        var half = data.Length / 2;
        var sequence = Of([.. garbage, .. data[..half]], [.. data[half..], .. garbage]);
        return sequence.Slice(garbage.Length, data.Length);
    }
}
