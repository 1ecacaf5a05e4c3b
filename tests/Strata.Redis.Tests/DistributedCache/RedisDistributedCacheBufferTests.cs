using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;
using Strata.Redis.DistributedCache;
using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.DistributedCache;

/// <summary>
/// The <see cref="IBufferDistributedCache"/> half: reads into a caller's buffer writer and writes from a
/// (possibly multi-segment) <see cref="ReadOnlySequence{T}"/>, through the interface as HybridCache uses it.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisDistributedCacheBufferTests(RedisFixture redis) : IAsyncLifetime
{
    private static readonly DistributedCacheEntryOptions NoExpiry = new();

    private readonly RedisDistributedCache _cache = new(new RedisDistributedCacheOptions
    {
        Client = redis.Client,
        KeyPrefix = RedisFixture.NewPrefix("dc-buffer") + ":",
    });

    private IBufferDistributedCache Cache => _cache;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _cache.DisposeAsync().AsTask();

    [Fact]
    public async Task TryGetAsync_PresentKey_WritesTheValueAndReturnsTrue()
    {
        await Cache.SetAsync("k", [1, 2, 3], NoExpiry);
        var destination = new ArrayBufferWriter<byte>();

        (await Cache.TryGetAsync("k", destination)).ShouldBeTrue();

        destination.WrittenSpan.ToArray().ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task TryGetAsync_AbsentKey_ReturnsFalseAndWritesNothing()
    {
        var destination = new ArrayBufferWriter<byte>();

        (await Cache.TryGetAsync("absent", destination)).ShouldBeFalse();

        destination.WrittenCount.ShouldBe(0);
    }

    [Fact]
    public async Task TryGet_PresentAndAbsentKeys_ReturnTrueAndFalse()
    {
        await Cache.SetAsync("k", [7], NoExpiry);
        var destination = new ArrayBufferWriter<byte>();

        Cache.TryGet("k", destination).ShouldBeTrue();
        Cache.TryGet("absent", destination).ShouldBeFalse();

        destination.WrittenSpan.ToArray().ShouldBe(new byte[] { 7 });
    }

    [Fact]
    public async Task TryGetAsync_EmptyValue_ReturnsTrueAndWritesNothing()
    {
        await Cache.SetAsync("k", [], NoExpiry);
        var destination = new ArrayBufferWriter<byte>();

        (await Cache.TryGetAsync("k", destination)).ShouldBeTrue();

        destination.WrittenCount.ShouldBe(0);
    }

    [Fact]
    public async Task TryGetAsync_DestinationAlreadyWritten_AppendsAfterIt()
    {
        await Cache.SetAsync("k", [3, 4], NoExpiry);
        var destination = new ArrayBufferWriter<byte>();
        destination.Write(new byte[] { 1, 2 });

        (await Cache.TryGetAsync("k", destination)).ShouldBeTrue();

        destination.WrittenSpan.ToArray().ShouldBe(new byte[] { 1, 2, 3, 4 });
    }

    [Fact]
    public async Task SetAsync_MultiSegmentSequence_StoresTheSegmentsInOrder()
    {
        var sequence = SegmentedSequence.Create([1, 2], [], [3], [4, 5, 6]);
        sequence.IsSingleSegment.ShouldBeFalse();

        await Cache.SetAsync("k", sequence, NoExpiry);

        (await Cache.GetAsync("k")).ShouldBe(new byte[] { 1, 2, 3, 4, 5, 6 });
    }

    [Fact]
    public async Task SetAsync_OneMegabyteInSmallSegments_RoundTripsThroughTryGetAsync()
    {
        var value = new byte[1024 * 1024];
        new Random(7).NextBytes(value);
        var destination = new ArrayBufferWriter<byte>();

        await Cache.SetAsync("k", SegmentedSequence.Split(value, 4096), NoExpiry);

        (await Cache.TryGetAsync("k", destination)).ShouldBeTrue();
        destination.WrittenSpan.SequenceEqual(value).ShouldBeTrue();
    }

    [Fact]
    public async Task SetAsync_SingleSegmentSequence_StoresIt()
    {
        await Cache.SetAsync("k", new ReadOnlySequence<byte>(new byte[] { 9, 8 }), NoExpiry);

        (await Cache.GetAsync("k")).ShouldBe(new byte[] { 9, 8 });
    }

    [Fact]
    public async Task SetAsync_EmptySequence_StoresAnEmptyValue()
    {
        await Cache.SetAsync("k", ReadOnlySequence<byte>.Empty, NoExpiry);

        (await Cache.GetAsync("k")).ShouldBe(Array.Empty<byte>());
    }

    [Fact]
    public void Set_MultiSegmentSequence_StoresItSynchronously()
    {
        Cache.Set("k", SegmentedSequence.Create([1], [2]), NoExpiry);

        Cache.Get("k").ShouldBe(new byte[] { 1, 2 });
    }

    [Fact]
    public async Task SetAsync_MultiSegmentWithPastAbsoluteExpiration_ThrowsAndStoresNothing()
    {
        var options = new DistributedCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddMinutes(-1) };

        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await Cache.SetAsync("k", SegmentedSequence.Create([1], [2]), options));

        (await Cache.GetAsync("k")).ShouldBeNull();
    }

    [Fact]
    public async Task TryGetAsync_NullDestination_ThrowsArgumentNullException()
    {
        await Should.ThrowAsync<ArgumentNullException>(async () => await Cache.TryGetAsync("k", null!));
    }
}
