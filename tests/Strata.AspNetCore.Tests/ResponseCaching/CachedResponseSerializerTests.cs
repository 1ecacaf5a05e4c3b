using System.Buffers;
using Microsoft.Extensions.Primitives;
using Strata.AspNetCore.ResponseCaching;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>The L2 form of a stored response: round trips, and every truncation is rejected, never misread.</summary>
public sealed class CachedResponseSerializerTests
{
    private static readonly CachedResponse Sample = new(
        203,
        638_000_000_000_000_000,
        "\"0123456789abcdef0123456789abcdef\"",
        ["Content-Type", "Cache-Control", "X-Multi", "X-Unicode"],
        ["application/json; charset=utf-8", "public, max-age=60", new StringValues(["a", "b", ""]), "Zürich – 東京"],
        ["X-Tenant", "X-Absent"],
        ["acme", null],
        [1, 2, 3, 0, 255]);

    [Fact]
    public void Deserialize_SerializedResponse_RoundTrips()
    {
        var copy = RoundTrip(Sample);

        copy.StatusCode.ShouldBe(203);
        copy.CreatedAtTicks.ShouldBe(Sample.CreatedAtTicks);
        copy.ETag.ShouldBe(Sample.ETag);
        copy.HeaderNames.ShouldBe(Sample.HeaderNames);
        copy.HeaderValues.Select(v => v.ToArray()).ShouldBe(Sample.HeaderValues.Select(v => v.ToArray()));
        copy.VaryNames.ShouldBe(["X-Tenant", "X-Absent"]);
        copy.VaryValues.ShouldBe(["acme", null]);
        copy.Body.ShouldBe(Sample.Body);
        copy.CacheControl.ToString().ShouldBe("public, max-age=60");
    }

    [Fact]
    public void Deserialize_EveryTruncation_Throws()
    {
        var bytes = Serialize(Sample);
        for (var length = 0; length < bytes.Length; length++)
        {
            Should.Throw<InvalidDataException>(() => CachedResponseSerializer.Instance.Deserialize(new ReadOnlySequence<byte>(bytes, 0, length)));
        }
    }

    [Fact]
    public void Deserialize_TrailingBytesOrOtherVersion_Throws()
    {
        var bytes = Serialize(Sample);
        var trailing = bytes.Append((byte)0).ToArray();
        var otherVersion = bytes.ToArray();
        otherVersion[0] = 2;

        Should.Throw<InvalidDataException>(() => CachedResponseSerializer.Instance.Deserialize(new ReadOnlySequence<byte>(trailing)));
        Should.Throw<InvalidDataException>(() => CachedResponseSerializer.Instance.Deserialize(new ReadOnlySequence<byte>(otherVersion)));
    }

    [Fact]
    public void Deserialize_PayloadSplitAcrossSegments_RoundTrips()
    {
        var bytes = Serialize(Sample);
        for (var split = 1; split < bytes.Length; split++)
        {
            var copy = CachedResponseSerializer.Instance.Deserialize(Segments(bytes, split));
            copy.Body.ShouldBe(Sample.Body);
            copy.VaryValues.ShouldBe(Sample.VaryValues);
        }
    }

    private static CachedResponse RoundTrip(CachedResponse value) =>
        CachedResponseSerializer.Instance.Deserialize(new ReadOnlySequence<byte>(Serialize(value)));

    private static byte[] Serialize(CachedResponse value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        CachedResponseSerializer.Instance.Serialize(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static ReadOnlySequence<byte> Segments(byte[] bytes, int split)
    {
        var first = new Segment(bytes.AsMemory(0, split));
        var last = first.Append(bytes.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
