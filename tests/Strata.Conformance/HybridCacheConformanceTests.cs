using Microsoft.Extensions.Caching.Hybrid;
using Strata.Testing;

namespace Strata.Conformance;

/// <summary>
/// Microsoft's <see cref="HybridCache"/> contract, as documented, for one cache (one node): L1 only, or L1 over an L2
/// tier. A derived class creates the cache on the given manual clock (which every tier it uses must obey) and says
/// whether it has an L2.
/// </summary>
/// <remarks>
/// Where L1 and L2 behave differently the test says so through <see cref="HasDistributedCache"/>; tests that need a
/// value to be in L2 write it with <c>SetAsync</c>, which awaits L2, rather than rely on the background L2 write that
/// follows a factory run.
/// </remarks>
public abstract class HybridCacheConformanceTests : IDisposable
{
    private HybridCache? _cache;

    /// <summary>The clock of the cache under test; nothing moves it but the tests.</summary>
    protected ManualTimeProvider Clock { get; } = new();

    /// <summary>The cache under test, created on first use.</summary>
    protected HybridCache Cache => _cache ??= CreateCache(Clock);

    /// <summary>Whether the cache has an L2 (distributed) tier behind L1.</summary>
    protected virtual bool HasDistributedCache => false;

    /// <summary>Creates the cache under test on <paramref name="time"/>; default entry options must leave an entry
    /// fresh for at least a minute.</summary>
    protected abstract HybridCache CreateCache(ManualTimeProvider time);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    // ---- GetOrCreateAsync ----

    [Fact]
    public async Task GetOrCreateAsync_ColdKey_ReturnsTheFactoryValue()
    {
        var factory = CountingFactory.Of("v");

        var value = await Cache.GetOrCreateAsync("k", factory.GetAsync);

        value.ShouldBe("v-1");
        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_CalledTwice_CallsTheFactoryOnceAndReturnsTheCachedValue()
    {
        var factory = CountingFactory.Of("v");

        var first = await Cache.GetOrCreateAsync("k", factory.GetAsync);
        var second = await Cache.GetOrCreateAsync("k", factory.GetAsync);

        first.ShouldBe("v-1");
        second.ShouldBe("v-1");
        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_WithState_PassesTheStateAndCaches()
    {
        var calls = 0;
        ValueTask<string> Create((string Prefix, int Id) state, CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            return ValueTask.FromResult($"{state.Prefix}{state.Id}");
        }

        var first = await Cache.GetOrCreateAsync("item:7", (Prefix: "item-", Id: 7), Create);
        var second = await Cache.GetOrCreateAsync("item:7", (Prefix: "other-", Id: 8), Create);

        first.ShouldBe("item-7");
        second.ShouldBe("item-7");
        calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_DifferentKeys_AreCachedSeparately()
    {
        var a = CountingFactory.Of("a");
        var b = CountingFactory.Of("b");

        (await Cache.GetOrCreateAsync("a", a.GetAsync)).ShouldBe("a-1");
        (await Cache.GetOrCreateAsync("b", b.GetAsync)).ShouldBe("b-1");
        (await Cache.GetOrCreateAsync("a", a.GetAsync)).ShouldBe("a-1");

        a.Calls.ShouldBe(1);
        b.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_ValueType_IsCached()
    {
        var factory = new CountingFactory<int>(n => 40 + n);

        (await Cache.GetOrCreateAsync("n", factory.GetAsync)).ShouldBe(41);
        (await Cache.GetOrCreateAsync("n", factory.GetAsync)).ShouldBe(41);

        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_SpanAndInterpolatedKeys_ShareTheStringKeysEntry()
    {
        var factory = CountingFactory.Of("v");
        var id = 7;
        await Cache.GetOrCreateAsync("item:7", factory.GetAsync);

        var fromSpan = await Cache.GetOrCreateAsync("item:7".AsSpan(), factory.GetAsync);
        var fromInterpolated = await Cache.GetOrCreateAsync($"item:{id}", factory.GetAsync);

        fromSpan.ShouldBe("v-1");
        fromInterpolated.ShouldBe("v-1");
        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_FactoryReturnsAsynchronously_ReturnsAndCachesTheValue()
    {
        var calls = 0;
        async ValueTask<string> Slow(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            await Task.Yield();
            return "slow";
        }

        (await Cache.GetOrCreateAsync("k", Slow)).ShouldBe("slow");
        (await Cache.GetOrCreateAsync("k", Slow)).ShouldBe("slow");

        calls.ShouldBe(1);
    }

    // ---- SetAsync ----

    [Fact]
    public async Task SetAsync_ThenGetOrCreateAsync_ReturnsTheSetValueWithoutCallingTheFactory()
    {
        var factory = CountingFactory.Of("factory");

        await Cache.SetAsync("k", "set");

        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe("set");
        factory.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task SetAsync_CachedKey_OverwritesTheValue()
    {
        var factory = CountingFactory.Of("factory");
        await Cache.GetOrCreateAsync("k", factory.GetAsync);

        await Cache.SetAsync("k", "set");

        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe("set");
        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task SetAsync_Twice_TheLastValueWins()
    {
        await Cache.SetAsync("k", "first");
        await Cache.SetAsync("k", "second");

        (await Cache.GetOrCreateAsync("k", CountingFactory.Of("f").GetAsync)).ShouldBe("second");
    }

    // ---- RemoveAsync ----

    [Fact]
    public async Task RemoveAsync_CachedKey_TheFactoryRunsAgain()
    {
        var factory = CountingFactory.Of("v");
        await Cache.GetOrCreateAsync("k", factory.GetAsync);

        await Cache.RemoveAsync("k");

        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe("v-2");
        factory.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task RemoveAsync_SetKey_TheFactoryRunsAgain()
    {
        var factory = CountingFactory.Of("v");
        await Cache.SetAsync("k", "set");

        await Cache.RemoveAsync("k");

        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe("v-1");
    }

    [Fact]
    public async Task RemoveAsync_ManyKeys_RemovesEachAndLeavesTheOthers()
    {
        var a = CountingFactory.Of("a");
        var b = CountingFactory.Of("b");
        var c = CountingFactory.Of("c");
        await Cache.GetOrCreateAsync("a", a.GetAsync);
        await Cache.GetOrCreateAsync("b", b.GetAsync);
        await Cache.GetOrCreateAsync("c", c.GetAsync);

        await Cache.RemoveAsync(new[] { "a", "c", "absent" });

        (await Cache.GetOrCreateAsync("a", a.GetAsync)).ShouldBe("a-2");
        (await Cache.GetOrCreateAsync("b", b.GetAsync)).ShouldBe("b-1");
        (await Cache.GetOrCreateAsync("c", c.GetAsync)).ShouldBe("c-2");
    }

    [Fact]
    public async Task RemoveAsync_AbsentKey_Completes()
    {
        await Cache.RemoveAsync("absent");

        (await Cache.GetOrCreateAsync("absent", CountingFactory.Of("v").GetAsync)).ShouldBe("v-1");
    }

    [Fact]
    public async Task RemoveAsync_NullOrEmptyKeyList_IsTreatedAsEmpty()
    {
        var factory = CountingFactory.Of("v");
        await Cache.GetOrCreateAsync("k", factory.GetAsync);

        await Cache.RemoveAsync((IEnumerable<string>)null!);
        await Cache.RemoveAsync(Array.Empty<string>());

        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe("v-1");
    }

    // ---- Tags ----

    [Fact]
    public async Task RemoveByTagAsync_Tag_RemovesExactlyTheEntriesCarryingIt()
    {
        var (red, redBlue, blue, none) = await CacheTaggedEntriesAsync();

        await Cache.RemoveByTagAsync("red");

        (await Cache.GetOrCreateAsync("red", red.GetAsync, tags: ["red"])).ShouldBe("red-2");
        (await Cache.GetOrCreateAsync("red-blue", redBlue.GetAsync, tags: ["red", "blue"])).ShouldBe("red-blue-2");
        (await Cache.GetOrCreateAsync("blue", blue.GetAsync, tags: ["blue"])).ShouldBe("blue-1");
        (await Cache.GetOrCreateAsync("none", none.GetAsync)).ShouldBe("none-1");
    }

    [Fact]
    public async Task RemoveByTagAsync_ManyTags_RemovesTheEntriesCarryingAnyOfThem()
    {
        var (red, redBlue, blue, none) = await CacheTaggedEntriesAsync();

        await Cache.RemoveByTagAsync(new[] { "red", "blue" });

        (await Cache.GetOrCreateAsync("red", red.GetAsync, tags: ["red"])).ShouldBe("red-2");
        (await Cache.GetOrCreateAsync("red-blue", redBlue.GetAsync, tags: ["red", "blue"])).ShouldBe("red-blue-2");
        (await Cache.GetOrCreateAsync("blue", blue.GetAsync, tags: ["blue"])).ShouldBe("blue-2");
        (await Cache.GetOrCreateAsync("none", none.GetAsync)).ShouldBe("none-1");
    }

    [Fact]
    public async Task RemoveByTagAsync_Star_RemovesEveryEntryTaggedOrNot()
    {
        var (red, redBlue, blue, none) = await CacheTaggedEntriesAsync();
        await Cache.SetAsync("set", "set");

        await Cache.RemoveByTagAsync("*");

        (await Cache.GetOrCreateAsync("red", red.GetAsync, tags: ["red"])).ShouldBe("red-2");
        (await Cache.GetOrCreateAsync("red-blue", redBlue.GetAsync, tags: ["red", "blue"])).ShouldBe("red-blue-2");
        (await Cache.GetOrCreateAsync("blue", blue.GetAsync, tags: ["blue"])).ShouldBe("blue-2");
        (await Cache.GetOrCreateAsync("none", none.GetAsync)).ShouldBe("none-2");
        (await Cache.GetOrCreateAsync("set", CountingFactory.Of("set-factory").GetAsync)).ShouldBe("set-factory-1");
    }

    [Fact]
    public async Task RemoveByTagAsync_UnknownTag_RemovesNothing()
    {
        var (red, _, _, none) = await CacheTaggedEntriesAsync();

        await Cache.RemoveByTagAsync("green");

        (await Cache.GetOrCreateAsync("red", red.GetAsync, tags: ["red"])).ShouldBe("red-1");
        (await Cache.GetOrCreateAsync("none", none.GetAsync)).ShouldBe("none-1");
    }

    [Fact]
    public async Task RemoveByTagAsync_NullOrEmptyTagList_IsTreatedAsEmpty()
    {
        var (red, _, _, _) = await CacheTaggedEntriesAsync();

        await Cache.RemoveByTagAsync((IEnumerable<string>)null!);
        await Cache.RemoveByTagAsync(Array.Empty<string>());

        (await Cache.GetOrCreateAsync("red", red.GetAsync, tags: ["red"])).ShouldBe("red-1");
    }

    [Fact]
    public async Task RemoveByTagAsync_TagOfASetValue_RemovesIt()
    {
        await Cache.SetAsync("k", "set", tags: ["red"]);

        await Cache.RemoveByTagAsync("red");

        (await Cache.GetOrCreateAsync("k", CountingFactory.Of("v").GetAsync)).ShouldBe("v-1");
    }

    [Fact]
    public async Task RemoveByTagAsync_EntryCreatedAfterwardsWithTheTag_IsCached()
    {
        var factory = CountingFactory.Of("v");
        await Cache.GetOrCreateAsync("k", factory.GetAsync, tags: ["red"]);
        await Cache.RemoveByTagAsync("red");

        (await Cache.GetOrCreateAsync("k", factory.GetAsync, tags: ["red"])).ShouldBe("v-2");
        (await Cache.GetOrCreateAsync("k", factory.GetAsync, tags: ["red"])).ShouldBe("v-2");
        await Cache.SetAsync("s", "set", tags: ["red"]);
        (await Cache.GetOrCreateAsync("s", CountingFactory.Of("f").GetAsync, tags: ["red"])).ShouldBe("set");

        factory.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task RemoveByTagAsync_Star_EntriesCreatedAfterwardsAreCached()
    {
        var factory = CountingFactory.Of("v");
        await Cache.GetOrCreateAsync("k", factory.GetAsync);
        await Cache.RemoveByTagAsync("*");

        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe("v-2");
        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe("v-2");

        factory.Calls.ShouldBe(2);
    }

    // ---- Expiration ----

    [Fact]
    public async Task GetOrCreateAsync_BeforeExpiration_ReturnsTheCachedValue()
    {
        var factory = CountingFactory.Of("v");
        var options = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(1) };
        await Cache.GetOrCreateAsync("k", factory.GetAsync, options);

        Clock.Advance(TimeSpan.FromSeconds(59));

        (await Cache.GetOrCreateAsync("k", factory.GetAsync, options)).ShouldBe("v-1");
        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_AtExpiration_TheFactoryRunsAgain()
    {
        var factory = CountingFactory.Of("v");
        var options = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(1) };
        await Cache.GetOrCreateAsync("k", factory.GetAsync, options);

        Clock.Advance(TimeSpan.FromMinutes(1));

        (await Cache.GetOrCreateAsync("k", factory.GetAsync, options)).ShouldBe("v-2");
        factory.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task SetAsync_PastItsExpiration_TheFactoryRuns()
    {
        var factory = CountingFactory.Of("v");
        await Cache.SetAsync("k", "set", new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(1) });

        Clock.Advance(TimeSpan.FromMinutes(1));

        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe("v-1");
    }

    [Fact]
    public async Task GetOrCreateAsync_EachEntryExpiresByItsOwnExpiration()
    {
        var shortLived = CountingFactory.Of("short");
        var longLived = CountingFactory.Of("long");
        await Cache.GetOrCreateAsync("short", shortLived.GetAsync, new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(1) });
        await Cache.GetOrCreateAsync("long", longLived.GetAsync, new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(10) });

        Clock.Advance(TimeSpan.FromMinutes(5));

        (await Cache.GetOrCreateAsync("short", shortLived.GetAsync)).ShouldBe("short-2");
        (await Cache.GetOrCreateAsync("long", longLived.GetAsync)).ShouldBe("long-1");
    }

    [Fact]
    public async Task GetOrCreateAsync_BeforeLocalCacheExpiration_ReturnsTheCachedValue()
    {
        var factory = CountingFactory.Of("v");
        var options = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
        await Cache.GetOrCreateAsync("k", factory.GetAsync, options);

        Clock.Advance(TimeSpan.FromSeconds(59));

        (await Cache.GetOrCreateAsync("k", factory.GetAsync, options)).ShouldBe("v-1");
        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_PastLocalCacheExpiration_ReadsL2OrElseRunsTheFactory()
    {
        var factory = CountingFactory.Of("v");
        var options = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
        await Cache.SetAsync("k", "set", options);

        Clock.Advance(TimeSpan.FromMinutes(1));
        var value = await Cache.GetOrCreateAsync("k", factory.GetAsync, options);

        // The L1 copy is gone; L2 still holds the value until Expiration.
        value.ShouldBe(HasDistributedCache ? "set" : "v-1");
        factory.Calls.ShouldBe(HasDistributedCache ? 0 : 1);
    }

    // ---- Flags ----

    [Fact]
    public async Task GetOrCreateAsync_DisableLocalCacheRead_IgnoresL1AndStoresTheNewValue()
    {
        var factory = CountingFactory.Of("v");
        await Cache.SetAsync("k", "in-l1-only", Flags(HybridCacheEntryFlags.DisableDistributedCacheWrite));

        var value = await Cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableLocalCacheRead));

        value.ShouldBe("v-1");
        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe("v-1");
        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_DisableLocalCacheWrite_LeavesL1Untouched()
    {
        var factory = CountingFactory.Of("v");

        (await Cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableLocalCacheWrite))).ShouldBe("v-1");

        // Reading L1 only: nothing there.
        (await Cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableDistributedCacheRead))).ShouldBe("v-2");
        factory.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task SetAsync_DisableLocalCacheWrite_StoresInL2Only()
    {
        var factory = CountingFactory.Of("v");

        await Cache.SetAsync("k", "set", Flags(HybridCacheEntryFlags.DisableLocalCacheWrite));

        // Reading L1 only, writing nowhere: nothing there.
        (await Cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableLocalCacheWrite))).ShouldBe("v-1");
        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe(HasDistributedCache ? "set" : "v-2");
    }

    [Fact]
    public async Task GetOrCreateAsync_DisableLocalCache_NeitherReadsNorWritesL1()
    {
        var factory = CountingFactory.Of("v");
        await Cache.SetAsync("k", "in-l1-only", Flags(HybridCacheEntryFlags.DisableDistributedCacheWrite));

        (await Cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableDistributedCacheWrite))).ShouldBe("v-1");

        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe("in-l1-only");
        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task SetAsync_DisableDistributedCacheWrite_KeepsTheValueOutOfL2()
    {
        var factory = CountingFactory.Of("v");

        await Cache.SetAsync("k", "set", Flags(HybridCacheEntryFlags.DisableDistributedCacheWrite));

        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe("set");
        (await Cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableLocalCache))).ShouldBe("v-1");
    }

    [Fact]
    public async Task GetOrCreateAsync_DisableDistributedCacheRead_RunsTheFactoryInsteadOfReadingL2()
    {
        var factory = CountingFactory.Of("v");
        await Cache.SetAsync("k", "set", Flags(HybridCacheEntryFlags.DisableLocalCacheWrite));

        var value = await Cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableDistributedCacheRead));

        value.ShouldBe("v-1");
        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_DisableDistributedCache_StillUsesL1()
    {
        var factory = CountingFactory.Of("v");
        var options = Flags(HybridCacheEntryFlags.DisableDistributedCache);

        (await Cache.GetOrCreateAsync("k", factory.GetAsync, options)).ShouldBe("v-1");
        (await Cache.GetOrCreateAsync("k", factory.GetAsync, options)).ShouldBe("v-1");

        factory.Calls.ShouldBe(1);
        (await Cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableLocalCache))).ShouldBe("v-2");
    }

    [Fact]
    public async Task GetOrCreateAsync_DisableUnderlyingDataOnAColdKey_ReturnsDefaultWithoutCallingTheFactory()
    {
        var text = CountingFactory.Of("v");
        var number = new CountingFactory<int>(n => n);
        var options = Flags(HybridCacheEntryFlags.DisableUnderlyingData);

        (await Cache.GetOrCreateAsync("text", text.GetAsync, options)).ShouldBeNull();
        (await Cache.GetOrCreateAsync("number", number.GetAsync, options)).ShouldBe(0);

        text.Calls.ShouldBe(0);
        number.Calls.ShouldBe(0);
        // Nothing was cached: a normal read runs the factory.
        (await Cache.GetOrCreateAsync("text", text.GetAsync)).ShouldBe("v-1");
    }

    [Fact]
    public async Task GetOrCreateAsync_DisableUnderlyingDataOnACachedKey_ReturnsTheCachedValue()
    {
        var factory = CountingFactory.Of("v");
        await Cache.GetOrCreateAsync("k", factory.GetAsync);

        (await Cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableUnderlyingData))).ShouldBe("v-1");

        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_DisableUnderlyingDataWithTheValueInL2_ReturnsItOrDefault()
    {
        var factory = CountingFactory.Of("v");
        await Cache.SetAsync("k", "set", Flags(HybridCacheEntryFlags.DisableLocalCacheWrite));

        var value = await Cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableUnderlyingData));

        value.ShouldBe(HasDistributedCache ? "set" : null);
        factory.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task SetAsync_DisableCompression_StoresAndReadsBackACompressibleValue()
    {
        var large = string.Concat(Enumerable.Repeat("compressible ", 1000));
        var options = Flags(HybridCacheEntryFlags.DisableCompression);

        await Cache.SetAsync("k", large, options);

        (await Cache.GetOrCreateAsync("k", CountingFactory.Of("v").GetAsync, options)).ShouldBe(large);
        // From L2 where there is one.
        (await Cache.GetOrCreateAsync("k", CountingFactory.Of("v").GetAsync, Flags(HybridCacheEntryFlags.DisableLocalCache)))
            .ShouldBe(HasDistributedCache ? large : "v-1");
    }

    [Fact]
    public async Task GetOrCreateAsync_DisableCompression_StoresAndReadsBackACompressibleValue()
    {
        var large = string.Concat(Enumerable.Repeat("compressible ", 1000));
        var factory = new CountingFactory<string>(_ => large);

        (await Cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableCompression))).ShouldBe(large);
        (await Cache.GetOrCreateAsync("k", factory.GetAsync)).ShouldBe(large);

        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task SetAsync_LargeCompressibleValue_RoundTripsThroughL2()
    {
        var large = string.Concat(Enumerable.Repeat("compressible ", 1000));
        await Cache.SetAsync("k", large);

        var value = await Cache.GetOrCreateAsync("k", CountingFactory.Of("v").GetAsync, Flags(HybridCacheEntryFlags.DisableLocalCache));

        value.ShouldBe(HasDistributedCache ? large : "v-1");
    }

    // ---- Mutable and immutable values ----

    [Fact]
    public async Task GetOrCreateAsync_MutableResultMutated_NextReadReturnsTheOriginal()
    {
        var factory = new CountingFactory<MutableOrder>(_ => new MutableOrder { Customer = "ada", Lines = [1, 2] });
        var first = await Cache.GetOrCreateAsync("order", factory.GetAsync);

        first.Customer = "eve";
        first.Lines.Add(3);
        var second = await Cache.GetOrCreateAsync("order", factory.GetAsync);

        second.ShouldNotBeSameAs(first);
        second.Customer.ShouldBe("ada");
        second.Lines.ShouldBe([1, 2]);
        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_FactorysOwnInstanceMutatedAfterwards_NextReadReturnsTheOriginal()
    {
        var created = new MutableOrder { Customer = "ada", Lines = [1] };
        await Cache.GetOrCreateAsync("order", _ => ValueTask.FromResult(created));

        created.Customer = "eve";
        created.Lines.Add(2);
        var read = await Cache.GetOrCreateAsync("order", _ => ValueTask.FromResult(new MutableOrder()));

        read.Customer.ShouldBe("ada");
        read.Lines.ShouldBe([1]);
    }

    [Fact]
    public async Task SetAsync_MutableValueMutatedAfterwards_NextReadReturnsTheOriginal()
    {
        var order = new MutableOrder { Customer = "ada", Lines = [1] };
        await Cache.SetAsync("order", order);

        order.Customer = "eve";
        order.Lines.Add(2);
        var read = await Cache.GetOrCreateAsync("order", _ => ValueTask.FromResult(new MutableOrder()));

        read.ShouldNotBeSameAs(order);
        read.Customer.ShouldBe("ada");
        read.Lines.ShouldBe([1]);
    }

    [Fact]
    public async Task GetOrCreateAsync_SealedImmutableType_ReturnsTheSameInstance()
    {
        var factory = new CountingFactory<ImmutablePrice>(_ => new ImmutablePrice("EUR", 9.5m));

        var first = await Cache.GetOrCreateAsync("price", factory.GetAsync);
        var second = await Cache.GetOrCreateAsync("price", factory.GetAsync);

        second.ShouldBe(new ImmutablePrice("EUR", 9.5m));
        second.ShouldBeSameAs(first);
        factory.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_UnsealedTypeMarkedImmutable_IsCopied()
    {
        var factory = new CountingFactory<UnsealedImmutablePrice>(_ => new UnsealedImmutablePrice { Currency = "EUR", Amount = 9.5m });
        var first = await Cache.GetOrCreateAsync("price", factory.GetAsync);

        first.Amount = 0;
        var second = await Cache.GetOrCreateAsync("price", factory.GetAsync);

        second.ShouldNotBeSameAs(first);
        second.Amount.ShouldBe(9.5m);
        factory.Calls.ShouldBe(1);
    }

    // ---- Concurrency, errors, cancellation ----

    [Fact]
    public async Task GetOrCreateAsync_HundredConcurrentCallersOnAColdKey_CallTheFactoryOnce()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        async ValueTask<string> Gated(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            return "v";
        }

        var cache = Cache;

        // Every call is issued (from many threads) before the factory is let through.
        var issued = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => Task.FromResult(cache.GetOrCreateAsync("k", Gated).AsTask()))));
        gate.SetResult();
        var values = await Task.WhenAll(issued);

        values.ShouldAllBe(v => v == "v");
        calls.ShouldBe(1);
        (await Cache.GetOrCreateAsync("k", Gated)).ShouldBe("v");
        calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_FactoryThrows_EveryWaitingCallerGetsTheException()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        async ValueTask<string> Failing(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            throw new InvalidOperationException("source down");
        }

        var callers = Enumerable.Range(0, 10).Select(_ => Cache.GetOrCreateAsync("k", Failing).AsTask()).ToArray();
        gate.SetResult();

        foreach (var caller in callers)
        {
            (await Should.ThrowAsync<InvalidOperationException>(caller)).Message.ShouldBe("source down");
        }

        calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_AfterTheFactoryThrew_RunsTheFactoryAgain()
    {
        var calls = 0;
        ValueTask<string> FailsOnce(CancellationToken _) =>
            Interlocked.Increment(ref calls) == 1
                ? ValueTask.FromException<string>(new InvalidOperationException("source down"))
                : ValueTask.FromResult("recovered");

        await Should.ThrowAsync<InvalidOperationException>(async () => await Cache.GetOrCreateAsync("k", FailsOnce));

        (await Cache.GetOrCreateAsync("k", FailsOnce)).ShouldBe("recovered");
        (await Cache.GetOrCreateAsync("k", FailsOnce)).ShouldBe("recovered");
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task GetOrCreateAsync_FactoryThrowsSynchronously_TheCallerGetsTheException()
    {
        static ValueTask<string> Throws(CancellationToken _) => throw new InvalidOperationException("sync failure");

        (await Should.ThrowAsync<InvalidOperationException>(async () => await Cache.GetOrCreateAsync("k", Throws))).Message.ShouldBe("sync failure");

        (await Cache.GetOrCreateAsync("k", CountingFactory.Of("v").GetAsync)).ShouldBe("v-1");
    }

    [Fact]
    public async Task GetOrCreateAsync_OneCallerCancels_ItAloneIsCancelledAndTheFactoryCompletesForTheOthers()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var factoryToken = CancellationToken.None;
        async ValueTask<string> Gated(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            factoryToken = cancellationToken;
            await gate.Task;
            return "v";
        }

        using var cts = new CancellationTokenSource();
        var cancelling = Cache.GetOrCreateAsync("k", Gated, cancellationToken: cts.Token).AsTask();
        var patient = Cache.GetOrCreateAsync("k", Gated).AsTask();

        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(cancelling);
        gate.SetResult();

        (await patient).ShouldBe("v");
        factoryToken.IsCancellationRequested.ShouldBeFalse();
        calls.ShouldBe(1);
        (await Cache.GetOrCreateAsync("k", Gated)).ShouldBe("v");
        calls.ShouldBe(1);
    }

    // ---- Bad input ----

    [Fact]
    public async Task GetOrCreateAsync_NullKey_ThrowsArgumentNullException()
    {
        var factory = CountingFactory.Of("v");

        await Should.ThrowAsync<ArgumentNullException>(async () => await Cache.GetOrCreateAsync(null!, factory.GetAsync));
        await Should.ThrowAsync<ArgumentNullException>(async () => await Cache.GetOrCreateAsync(null!, 1, static (s, _) => ValueTask.FromResult(s)));

        factory.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task GetOrCreateAsync_EmptyKey_ThrowsArgumentException()
    {
        var factory = CountingFactory.Of("v");

        await Should.ThrowAsync<ArgumentException>(async () => await Cache.GetOrCreateAsync(string.Empty, factory.GetAsync));

        factory.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task SetAsync_NullOrEmptyKey_ThrowsAndStoresNothing()
    {
        await Should.ThrowAsync<ArgumentNullException>(async () => await Cache.SetAsync(null!, "v"));
        await Should.ThrowAsync<ArgumentException>(async () => await Cache.SetAsync(string.Empty, "v"));
    }

    [Fact]
    public async Task RemoveAsync_NullOrEmptyKey_Throws()
    {
        await Should.ThrowAsync<ArgumentNullException>(async () => await Cache.RemoveAsync((string)null!));
        await Should.ThrowAsync<ArgumentException>(async () => await Cache.RemoveAsync(string.Empty));
    }

    // ---- Helpers ----

    protected static HybridCacheEntryOptions Flags(HybridCacheEntryFlags flags) => new() { Flags = flags };

    /// <summary>Caches <c>red</c> [red], <c>red-blue</c> [red, blue], <c>blue</c> [blue] and <c>none</c> [].</summary>
    private async Task<(CountingFactory<string> Red, CountingFactory<string> RedBlue, CountingFactory<string> Blue, CountingFactory<string> None)> CacheTaggedEntriesAsync()
    {
        var red = CountingFactory.Of("red");
        var redBlue = CountingFactory.Of("red-blue");
        var blue = CountingFactory.Of("blue");
        var none = CountingFactory.Of("none");
        (await Cache.GetOrCreateAsync("red", red.GetAsync, tags: ["red"])).ShouldBe("red-1");
        (await Cache.GetOrCreateAsync("red-blue", redBlue.GetAsync, tags: ["red", "blue"])).ShouldBe("red-blue-1");
        (await Cache.GetOrCreateAsync("blue", blue.GetAsync, tags: ["blue"])).ShouldBe("blue-1");
        (await Cache.GetOrCreateAsync("none", none.GetAsync)).ShouldBe("none-1");
        return (red, redBlue, blue, none);
    }
}
