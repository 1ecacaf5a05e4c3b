using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace Strata.Redis.Tests.DistributedCache;

/// <summary>
/// The <see cref="IDistributedCache"/> contract every implementation keeps, with no timing and no look at the store:
/// reads, writes, overwrites, removals, refreshes of absent keys, argument checks, the synchronous twins and
/// Microsoft's string extensions. A derived class supplies the cache; <see cref="MemoryDistributedCacheConformanceTests"/>
/// runs the same suite against Microsoft's in-memory cache to show the suite asks nothing Redis-specific.
/// </summary>
public abstract class DistributedCacheConformanceTests : IAsyncLifetime
{
    private static readonly DistributedCacheEntryOptions NoExpiry = new();

    private IDistributedCache? _cache;

    /// <summary>The cache under test, created once per test.</summary>
    protected IDistributedCache Cache => _cache ?? throw new InvalidOperationException("Not initialized.");

    public Task InitializeAsync()
    {
        _cache = CreateCache();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        switch (_cache)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    protected abstract IDistributedCache CreateCache();

    [Fact]
    public async Task GetAsync_AbsentKey_ReturnsNull()
    {
        (await Cache.GetAsync(NewKey())).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_BinaryValue_RoundTripsExactly()
    {
        var key = NewKey();
        // Every byte value, CR LF and NUL included: nothing may be treated as text or a RESP delimiter.
        var value = Enumerable.Range(0, 256).Select(static b => (byte)b).Concat("\r\n\0$*"u8.ToArray()).ToArray();

        await Cache.SetAsync(key, value, NoExpiry);

        (await Cache.GetAsync(key)).ShouldBe(value);
    }

    [Fact]
    public async Task SetAsync_EmptyValue_RoundTripsAsEmptyNotNull()
    {
        var key = NewKey();

        await Cache.SetAsync(key, [], NoExpiry);

        var read = await Cache.GetAsync(key);
        read.ShouldNotBeNull();
        read.ShouldBeEmpty();
    }

    [Fact]
    public async Task SetAsync_OneMegabyteValue_RoundTripsExactly()
    {
        var key = NewKey();
        var value = new byte[1024 * 1024];
        new Random(42).NextBytes(value);

        await Cache.SetAsync(key, value, NoExpiry);

        (await Cache.GetAsync(key)).ShouldBe(value);
    }

    [Fact]
    public async Task SetAsync_ExistingKey_Overwrites()
    {
        var key = NewKey();
        await Cache.SetAsync(key, [1, 2, 3], NoExpiry);

        await Cache.SetAsync(key, [9], NoExpiry);

        (await Cache.GetAsync(key)).ShouldBe(new byte[] { 9 });
    }

    [Fact]
    public async Task SetAsync_TwoKeys_KeepSeparateValues()
    {
        var (first, second) = (NewKey(), NewKey());

        await Cache.SetAsync(first, [1], NoExpiry);
        await Cache.SetAsync(second, [2], NoExpiry);

        (await Cache.GetAsync(first)).ShouldBe(new byte[] { 1 });
        (await Cache.GetAsync(second)).ShouldBe(new byte[] { 2 });
    }

    [Fact]
    public async Task RemoveAsync_ExistingKey_RemovesIt()
    {
        var key = NewKey();
        await Cache.SetAsync(key, [1], NoExpiry);

        await Cache.RemoveAsync(key);

        (await Cache.GetAsync(key)).ShouldBeNull();
    }

    [Fact]
    public async Task RemoveAsync_AbsentKey_DoesNothing()
    {
        var key = NewKey();

        await Should.NotThrowAsync(() => Cache.RemoveAsync(key));

        (await Cache.GetAsync(key)).ShouldBeNull();
    }

    [Fact]
    public async Task RefreshAsync_AbsentKey_DoesNotCreateIt()
    {
        var key = NewKey();

        await Cache.RefreshAsync(key);

        (await Cache.GetAsync(key)).ShouldBeNull();
    }

    [Fact]
    public async Task RefreshAsync_ExistingKey_KeepsTheValue()
    {
        var key = NewKey();
        await Cache.SetAsync(key, [7], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5) });

        await Cache.RefreshAsync(key);

        (await Cache.GetAsync(key)).ShouldBe(new byte[] { 7 });
    }

    [Fact]
    public async Task SetAsync_FutureExpirations_StoresTheValue()
    {
        var key = NewKey();
        var options = new DistributedCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5),
            SlidingExpiration = TimeSpan.FromMinutes(1),
        };

        await Cache.SetAsync(key, [1], options);

        (await Cache.GetAsync(key)).ShouldBe(new byte[] { 1 });
    }

    [Fact]
    public void SyncMethods_FullCycle_BehaveLikeTheAsyncOnes()
    {
        var key = NewKey();
        Cache.Get(key).ShouldBeNull();

        Cache.Set(key, [4, 5], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) });
        Cache.Get(key).ShouldBe(new byte[] { 4, 5 });
        Cache.Refresh(key);
        Cache.Get(key).ShouldBe(new byte[] { 4, 5 });
        Cache.Remove(key);

        Cache.Get(key).ShouldBeNull();
    }

    [Fact]
    public async Task SetStringAsync_UnicodeText_RoundTripsThroughGetStringAsync()
    {
        var key = NewKey();
        const string text = "Zürich → 東京 ✈ 🚀";

        await Cache.SetStringAsync(key, text);

        (await Cache.GetStringAsync(key)).ShouldBe(text);
        (await Cache.GetAsync(key)).ShouldBe(Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public async Task GetAsync_NullKey_ThrowsArgumentNullException()
    {
        await Should.ThrowAsync<ArgumentNullException>(async () => await Cache.GetAsync(null!));
    }

    [Fact]
    public async Task SetAsync_NullValue_ThrowsArgumentNullException()
    {
        await Should.ThrowAsync<ArgumentNullException>(async () => await Cache.SetAsync(NewKey(), null!, NoExpiry));
    }

    [Fact]
    public async Task SetAsync_NullOptions_ThrowsArgumentNullException()
    {
        await Should.ThrowAsync<ArgumentNullException>(async () => await Cache.SetAsync(NewKey(), [1], null!));
    }

    [Fact]
    public async Task SetAsync_PastAbsoluteExpiration_StoresNothing()
    {
        var key = NewKey();
        var options = new DistributedCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddMinutes(-1) };

        // Microsoft's Redis cache throws here and its memory cache silently drops the entry; neither stores it.
        try
        {
            await Cache.SetAsync(key, [1], options);
        }
        catch (ArgumentOutOfRangeException)
        {
        }

        (await Cache.GetAsync(key)).ShouldBeNull();
    }

    private static string NewKey() => "k-" + Guid.NewGuid().ToString("N");
}
