using System.Text;
using Strata.Envelopes;
using Strata.Tests.Engine;

namespace Strata.Tests.Envelopes;

public sealed class EnvelopeCodecTests
{
    private static Envelope Sample(byte[] payload, params string[] tags) =>
        new(1234, 2000, 3000, 4000, 50, 0xDEADBEEF, EnvelopeCodec.ComputeETag(payload), tags, payload);

    [Fact]
    public void Encode_ThenDecode_RoundTripsEveryField()
    {
        var payload = Encoding.UTF8.GetBytes("{\"price\":120}");
        var bytes = EnvelopeCodec.Encode(Sample(payload, "trip:1", "ümlaut"), compressionThreshold: 0);

        EnvelopeCodec.TryDecode(bytes, out var decoded, out var error).ShouldBeTrue(error);
        decoded.CreatedStamp.ShouldBe(1234);
        decoded.CreatedAtTicks.ShouldBe(2000);
        decoded.FreshUntilTicks.ShouldBe(3000);
        decoded.StaleUntilTicks.ShouldBe(4000);
        decoded.FactoryDurationTicks.ShouldBe(50);
        decoded.SerializerId.ShouldBe(0xDEADBEEF);
        decoded.ETag.ShouldBe(EnvelopeCodec.ComputeETag(payload));
        decoded.Tags.ShouldBe(["trip:1", "ümlaut"]);
        decoded.Payload.ToArray().ShouldBe(payload);
    }

    [Fact]
    public void Encode_LargeCompressiblePayload_IsCompressedAndDecodesToTheSameBytes()
    {
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"flight\":\"UA123\",\"price\":420},", 200)));
        var bytes = EnvelopeCodec.Encode(Sample(payload), compressionThreshold: 1024);

        bytes.Length.ShouldBeLessThan(payload.Length / 4);
        bytes[2].ShouldBe((byte)1);
        EnvelopeCodec.TryDecode(bytes, out var decoded, out _).ShouldBeTrue();
        decoded.Payload.ToArray().ShouldBe(payload);
    }

    [Fact]
    public void Encode_IncompressiblePayload_IsStoredAsIs()
    {
        var payload = new byte[4096];
        new Random(7).NextBytes(payload);
        var bytes = EnvelopeCodec.Encode(Sample(payload), compressionThreshold: 1024);
        bytes[2].ShouldBe((byte)0);
    }

    [Fact]
    public void Decode_EveryTruncation_IsRejectedNotMisread()
    {
        var bytes = EnvelopeCodec.Encode(Sample(Encoding.UTF8.GetBytes("hello"), "a", "bc"), 0);
        for (var length = 0; length < bytes.Length; length++)
        {
            EnvelopeCodec.TryDecode(bytes[..length], out _, out var error).ShouldBeFalse($"length {length}");
            error.ShouldNotBeNullOrEmpty();
        }
    }

    [Theory]
    [InlineData(0, (byte)'X', "marker")]
    [InlineData(1, (byte)9, "version")]
    [InlineData(2, (byte)0x80, "flags")]
    public void Decode_WrongHeader_IsRejectedWithTheReason(int offset, byte value, string reason)
    {
        var bytes = EnvelopeCodec.Encode(Sample(Encoding.UTF8.GetBytes("x")), 0);
        bytes[offset] = value;
        EnvelopeCodec.TryDecode(bytes, out _, out var error).ShouldBeFalse();
        error!.ShouldContain(reason);
    }

    [Fact]
    public async Task CorruptL2Value_IsAMissRemovedAndCounted()
    {
        using var harness = new CacheHarness(withL2: true);
        var options = new StrataEntryOptions { Duration = TimeSpan.FromMinutes(1) };
        await harness.Cache.SetAsync("k", "good", options);
        harness.Store!.TryOverwrite("strata:default:k", [(byte)'S', 1, 0, 0, 1, 2, 3]).ShouldBeTrue();
        await harness.Cache.RemoveAsync("k");
        await harness.Cache.SetAsync("k", "good", options with { Flags = Microsoft.Extensions.Caching.Hybrid.HybridCacheEntryFlags.DisableLocalCache });
        harness.Store.TryOverwrite("strata:default:k", [(byte)'S', 1, 0, 0, 1, 2, 3]).ShouldBeTrue();

        var result = await harness.Cache.GetOrCreateAsync("k", 0, static (_, _) => ValueTask.FromResult("recomputed"), options);

        result.ShouldBe("recomputed");
        harness.Engine.Metrics.L2Errors.ShouldBe(1);
    }

    [Fact]
    public async Task L2Value_OfAnotherSerializer_IsTreatedAsIncompatible()
    {
        using var harness = new CacheHarness(withL2: true);
        var options = new StrataEntryOptions { Duration = TimeSpan.FromMinutes(1), Flags = Microsoft.Extensions.Caching.Hybrid.HybridCacheEntryFlags.DisableLocalCache };
        await harness.Cache.SetAsync("k", "a string, stored raw", options);

        // Read back as a JSON-serialized type: same bytes, different serializer id.
        var result = await harness.Cache.GetOrCreateAsync("k", 0, static (_, _) => ValueTask.FromResult(new[] { 1, 2 }), options);
        result.ShouldBe([1, 2]);
        harness.Engine.Metrics.L2Errors.ShouldBe(1);
    }
}
