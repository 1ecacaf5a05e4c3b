using Strata.Testing;

namespace Strata.Conformance;

/// <summary>
/// The <see cref="IDistributedTier"/> contract, which every L2 implementation must pass: the in-memory tier, the chaos
/// wrapper without faults, the Redis tier. A derived class says how to create a tier (a node) and another node over
/// the same backing store, and which clock the store expires values by.
/// </summary>
/// <remarks>
/// Every key a test uses starts with a scope unique to the test instance, so the suite can run against a shared
/// server. With a manual clock, expiry is tested by advancing it; with the real clock (a server that keeps its own
/// time) by letting short time-to-lives pass.
/// </remarks>
public abstract class DistributedTierConformanceTests : IAsyncLifetime
{
    private readonly List<IDistributedTier> _tiers = [];

    protected DistributedTierConformanceTests()
    {
        Scope = $"conformance-{Guid.NewGuid():N}";
    }

    /// <summary>The prefix of every key this test uses.</summary>
    protected string Scope { get; }

    /// <summary>The clock the backing store expires values by: a <see cref="ManualTimeProvider"/> when
    /// <see cref="UsesManualClock"/>, else <see cref="TimeProvider.System"/>.</summary>
    protected abstract TimeProvider Time { get; }

    /// <summary>Whether <see cref="Time"/> is a <see cref="ManualTimeProvider"/> the store obeys. A store that keeps its
    /// own time (a server) says false: expiry is then tested with <see cref="RealClockTimeToLive"/>.</summary>
    protected virtual bool UsesManualClock => Time is ManualTimeProvider;

    /// <summary>The time-to-live of the expiry tests on the real clock: short, but well above the store's expiry
    /// resolution. Default 300 ms.</summary>
    protected virtual TimeSpan RealClockTimeToLive => TimeSpan.FromMilliseconds(300);

    /// <summary>Creates a node over this test's backing store (a fresh store, or a scope of a shared server).</summary>
    protected abstract ValueTask<IDistributedTier> CreateTierAsync();

    /// <summary>Creates another node over the same backing store as <see cref="CreateTierAsync"/>: it sees the first
    /// node's data, and hears its changes.</summary>
    protected abstract ValueTask<IDistributedTier> CreateSecondNodeAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var tier in _tiers)
        {
            switch (tier)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>A key of this test's scope.</summary>
    protected string Key(string name) => $"{Scope}:{name}";

    /// <summary>An expiry far enough away that nothing expires during a test.</summary>
    protected DateTimeOffset Later => Time.GetUtcNow() + TimeSpan.FromHours(1);

    // ---- Name, Ping ----

    [Fact]
    public async Task Name_Always_IsNotEmpty()
    {
        var tier = await TierAsync();

        tier.Name.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task PingAsync_StoreAnswers_Completes()
    {
        var tier = await TierAsync();

        await tier.PingAsync(CancellationToken.None);
    }

    // ---- Get, Set ----

    [Fact]
    public async Task GetAsync_AbsentKey_ReturnsNull()
    {
        var tier = await TierAsync();

        (await tier.GetAsync(Key("absent"), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_ThenGetAsync_ReturnsTheBytes()
    {
        var tier = await TierAsync();
        byte[] value = [1, 2, 3, 4, 5];

        await tier.SetAsync(Key("k"), value, Later, CancellationToken.None);

        (await tier.GetAsync(Key("k"), CancellationToken.None)).ShouldBe(value);
    }

    [Fact]
    public async Task SetAsync_EmptyValue_ReadsBackEmptyNotNull()
    {
        var tier = await TierAsync();

        await tier.SetAsync(Key("empty"), ReadOnlyMemory<byte>.Empty, Later, CancellationToken.None);

        var read = await tier.GetAsync(Key("empty"), CancellationToken.None);
        read.ShouldNotBeNull();
        read.ShouldBeEmpty();
    }

    [Fact]
    public async Task SetAsync_EveryByteValue_RoundTripsExactly()
    {
        var tier = await TierAsync();
        var value = new byte[512];
        for (var i = 0; i < value.Length; i++)
        {
            value[i] = (byte)(255 - (i % 256));
        }

        await tier.SetAsync(Key("binary"), value, Later, CancellationToken.None);

        (await tier.GetAsync(Key("binary"), CancellationToken.None)).ShouldBe(value);
    }

    [Fact]
    public async Task SetAsync_OneMegabyte_RoundTripsExactly()
    {
        var tier = await TierAsync();
        var value = new byte[1024 * 1024];
        new Random(7).NextBytes(value);

        await tier.SetAsync(Key("large"), value, Later, CancellationToken.None);

        var read = await tier.GetAsync(Key("large"), CancellationToken.None);
        read.ShouldNotBeNull();
        read.Length.ShouldBe(value.Length);
        read.AsSpan().SequenceEqual(value).ShouldBeTrue();
    }

    [Fact]
    public async Task SetAsync_SliceOfALargerArray_StoresOnlyTheSlice()
    {
        var tier = await TierAsync();
        byte[] buffer = [9, 9, 1, 2, 3, 9, 9];

        await tier.SetAsync(Key("slice"), buffer.AsMemory(2, 3), Later, CancellationToken.None);

        (await tier.GetAsync(Key("slice"), CancellationToken.None)).ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task SetAsync_ExistingKey_ReplacesTheValue()
    {
        var tier = await TierAsync();
        await tier.SetAsync(Key("k"), new byte[] { 1, 1, 1, 1 }, Later, CancellationToken.None);

        await tier.SetAsync(Key("k"), new byte[] { 2 }, Later, CancellationToken.None);

        (await tier.GetAsync(Key("k"), CancellationToken.None)).ShouldBe(new byte[] { 2 });
    }

    [Fact]
    public async Task SetAsync_ArrayMutatedAfterwards_StoreKeepsTheOriginal()
    {
        var tier = await TierAsync();
        byte[] value = [1, 2, 3];

        await tier.SetAsync(Key("k"), value, Later, CancellationToken.None);
        value[0] = 42;

        (await tier.GetAsync(Key("k"), CancellationToken.None)).ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task GetAsync_ResultMutated_StoreKeepsTheOriginal()
    {
        var tier = await TierAsync();
        await tier.SetAsync(Key("k"), new byte[] { 1, 2, 3 }, Later, CancellationToken.None);

        var first = await tier.GetAsync(Key("k"), CancellationToken.None);
        first.ShouldNotBeNull();
        first[0] = 42;

        (await tier.GetAsync(Key("k"), CancellationToken.None)).ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task GetManyAsync_ResultMutated_StoreKeepsTheOriginal()
    {
        var tier = await TierAsync();
        await tier.SetAsync(Key("k"), new byte[] { 1, 2, 3 }, Later, CancellationToken.None);

        var first = await tier.GetManyAsync([Key("k")], CancellationToken.None);
        first[0]![0] = 42;

        (await tier.GetAsync(Key("k"), CancellationToken.None)).ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task SetAsync_OnOneNode_IsReadByAnother()
    {
        var first = await TierAsync();
        var second = await SecondNodeAsync();

        await first.SetAsync(Key("shared"), new byte[] { 7, 8 }, Later, CancellationToken.None);

        (await second.GetAsync(Key("shared"), CancellationToken.None)).ShouldBe(new byte[] { 7, 8 });
    }

    // ---- Expiry ----

    [Fact]
    public async Task GetAsync_BeforeExpiresAt_ReturnsTheValue()
    {
        var tier = await TierAsync();
        var ttl = ExpiryTimeToLive;
        await tier.SetAsync(Key("k"), new byte[] { 1 }, Time.GetUtcNow() + ttl, CancellationToken.None);

        if (UsesManualClock)
        {
            Advance(ttl - TimeSpan.FromTicks(1));
        }

        (await tier.GetAsync(Key("k"), CancellationToken.None)).ShouldBe(new byte[] { 1 });
    }

    [Fact]
    public async Task GetAsync_AtExpiresAt_ReturnsNull()
    {
        var tier = await TierAsync();
        var ttl = ExpiryTimeToLive;
        await tier.SetAsync(Key("k"), new byte[] { 1 }, Time.GetUtcNow() + ttl, CancellationToken.None);

        await LetTimePassAsync(ttl);

        (await tier.GetAsync(Key("k"), CancellationToken.None)).ShouldBeNull();
        (await tier.GetManyAsync([Key("k")], CancellationToken.None)).ShouldBe(new byte[]?[] { null });
    }

    [Fact]
    public async Task SetAsync_ExpiresAtInThePast_IsNeverRead()
    {
        var tier = await TierAsync();

        await tier.SetAsync(Key("k"), new byte[] { 1 }, Time.GetUtcNow() - TimeSpan.FromSeconds(1), CancellationToken.None);

        (await tier.GetAsync(Key("k"), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_ExistingKey_ReplacesTheExpiry()
    {
        var tier = await TierAsync();
        var ttl = ExpiryTimeToLive;
        await tier.SetAsync(Key("k"), new byte[] { 1 }, Time.GetUtcNow() + ttl, CancellationToken.None);

        await tier.SetAsync(Key("k"), new byte[] { 2 }, Later, CancellationToken.None);
        await LetTimePassAsync(ttl);

        (await tier.GetAsync(Key("k"), CancellationToken.None)).ShouldBe(new byte[] { 2 });
    }

    // ---- GetMany, SetMany ----

    [Fact]
    public async Task GetManyAsync_MixedKeys_OneSlotPerKeyInOrderWithNullForAbsentAndDuplicatesRepeated()
    {
        var tier = await TierAsync();
        await tier.SetAsync(Key("a"), new byte[] { 1 }, Later, CancellationToken.None);
        await tier.SetAsync(Key("b"), new byte[] { 2 }, Later, CancellationToken.None);

        var values = await tier.GetManyAsync([Key("b"), Key("missing"), Key("a"), Key("b")], CancellationToken.None);

        values.Length.ShouldBe(4);
        values[0].ShouldBe(new byte[] { 2 });
        values[1].ShouldBeNull();
        values[2].ShouldBe(new byte[] { 1 });
        values[3].ShouldBe(new byte[] { 2 });
    }

    [Fact]
    public async Task GetManyAsync_NoKeys_ReturnsEmpty()
    {
        var tier = await TierAsync();

        (await tier.GetManyAsync([], CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetManyAsync_AllAbsent_ReturnsAllNull()
    {
        var tier = await TierAsync();

        var values = await tier.GetManyAsync([Key("x"), Key("y")], CancellationToken.None);

        values.ShouldBe(new byte[]?[] { null, null });
    }

    [Fact]
    public async Task SetManyAsync_Writes_EveryValueIsReadable()
    {
        var tier = await TierAsync();

        await tier.SetManyAsync(
            [
                new DistributedWrite(Key("a"), new byte[] { 1 }, Later),
                new DistributedWrite(Key("b"), new byte[] { 2, 2 }, Later),
                new DistributedWrite(Key("c"), ReadOnlyMemory<byte>.Empty, Later),
            ],
            CancellationToken.None);

        var values = await tier.GetManyAsync([Key("a"), Key("b"), Key("c")], CancellationToken.None);
        values[0].ShouldBe(new byte[] { 1 });
        values[1].ShouldBe(new byte[] { 2, 2 });
        values[2].ShouldNotBeNull();
        values[2]!.ShouldBeEmpty();
    }

    [Fact]
    public async Task SetManyAsync_NoWrites_Completes()
    {
        var tier = await TierAsync();

        await tier.SetManyAsync([], CancellationToken.None);
    }

    [Fact]
    public async Task SetManyAsync_EachWriteHasItsOwnExpiry()
    {
        var tier = await TierAsync();
        var ttl = ExpiryTimeToLive;

        await tier.SetManyAsync(
            [
                new DistributedWrite(Key("short"), new byte[] { 1 }, Time.GetUtcNow() + ttl),
                new DistributedWrite(Key("long"), new byte[] { 2 }, Later),
            ],
            CancellationToken.None);
        await LetTimePassAsync(ttl);

        (await tier.GetAsync(Key("short"), CancellationToken.None)).ShouldBeNull();
        (await tier.GetAsync(Key("long"), CancellationToken.None)).ShouldBe(new byte[] { 2 });
    }

    [Fact]
    public async Task SetManyAsync_ArraysMutatedAfterwards_StoreKeepsTheOriginals()
    {
        var tier = await TierAsync();
        byte[] value = [1, 2, 3];

        await tier.SetManyAsync([new DistributedWrite(Key("k"), value, Later)], CancellationToken.None);
        value[0] = 42;

        (await tier.GetAsync(Key("k"), CancellationToken.None)).ShouldBe(new byte[] { 1, 2, 3 });
    }

    // ---- Remove ----

    [Fact]
    public async Task RemoveAsync_PresentAndAbsentKeys_RemovesThePresentOnesAndLeavesOthers()
    {
        var tier = await TierAsync();
        await tier.SetAsync(Key("a"), new byte[] { 1 }, Later, CancellationToken.None);
        await tier.SetAsync(Key("b"), new byte[] { 2 }, Later, CancellationToken.None);
        await tier.SetAsync(Key("keep"), new byte[] { 3 }, Later, CancellationToken.None);

        await tier.RemoveAsync([Key("a"), Key("absent"), Key("b")], CancellationToken.None);

        (await tier.GetManyAsync([Key("a"), Key("b"), Key("keep")], CancellationToken.None))
            .ShouldBe(new byte[]?[] { null, null, [3] });
    }

    [Fact]
    public async Task RemoveAsync_AbsentKey_Completes()
    {
        var tier = await TierAsync();

        await tier.RemoveAsync([Key("absent")], CancellationToken.None);

        (await tier.GetAsync(Key("absent"), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task RemoveAsync_NoKeys_Completes()
    {
        var tier = await TierAsync();

        await tier.RemoveAsync([], CancellationToken.None);
    }

    [Fact]
    public async Task RemoveAsync_OnOneNode_IsGoneForAnother()
    {
        var first = await TierAsync();
        var second = await SecondNodeAsync();
        await second.SetAsync(Key("k"), new byte[] { 1 }, Later, CancellationToken.None);

        await first.RemoveAsync([Key("k")], CancellationToken.None);

        (await second.GetAsync(Key("k"), CancellationToken.None)).ShouldBeNull();
    }

    // ---- Stamps ----

    [Fact]
    public async Task GetStampsAsync_AbsentStamp_ReturnsZero()
    {
        var tier = await TierAsync();

        (await tier.GetStampsAsync([Key("stamp:absent")], CancellationToken.None)).ShouldBe([0L]);
    }

    [Fact]
    public async Task SetStampAsync_ThenGetStampsAsync_ReturnsTheStamp()
    {
        var tier = await TierAsync();

        await tier.SetStampAsync(Key("stamp:t"), 638_000_000_000_000_000, TimeSpan.FromHours(1), CancellationToken.None);

        (await tier.GetStampsAsync([Key("stamp:t")], CancellationToken.None)).ShouldBe([638_000_000_000_000_000L]);
    }

    [Fact]
    public async Task SetStampAsync_HigherStamp_RaisesIt()
    {
        var tier = await TierAsync();
        await tier.SetStampAsync(Key("stamp:t"), 100, TimeSpan.FromHours(1), CancellationToken.None);

        await tier.SetStampAsync(Key("stamp:t"), 200, TimeSpan.FromHours(1), CancellationToken.None);

        (await tier.GetStampsAsync([Key("stamp:t")], CancellationToken.None)).ShouldBe([200L]);
    }

    [Fact]
    public async Task SetStampAsync_LowerStamp_NeverLowersIt()
    {
        var tier = await TierAsync();
        await tier.SetStampAsync(Key("stamp:t"), 200, TimeSpan.FromHours(1), CancellationToken.None);

        await tier.SetStampAsync(Key("stamp:t"), 100, TimeSpan.FromHours(1), CancellationToken.None);
        await tier.SetStampAsync(Key("stamp:t"), 200, TimeSpan.FromHours(1), CancellationToken.None);

        (await tier.GetStampsAsync([Key("stamp:t")], CancellationToken.None)).ShouldBe([200L]);
    }

    [Fact]
    public async Task SetStampAsync_FromTwoNodes_KeepsTheHighest()
    {
        var first = await TierAsync();
        var second = await SecondNodeAsync();

        await first.SetStampAsync(Key("stamp:t"), 300, TimeSpan.FromHours(1), CancellationToken.None);
        await second.SetStampAsync(Key("stamp:t"), 250, TimeSpan.FromHours(1), CancellationToken.None);

        (await first.GetStampsAsync([Key("stamp:t")], CancellationToken.None)).ShouldBe([300L]);
        (await second.GetStampsAsync([Key("stamp:t")], CancellationToken.None)).ShouldBe([300L]);
    }

    [Fact]
    public async Task GetStampsAsync_ManyKeys_OneStampPerKeyInOrderWithZeroForAbsent()
    {
        var tier = await TierAsync();
        await tier.SetStampAsync(Key("stamp:a"), 11, TimeSpan.FromHours(1), CancellationToken.None);
        await tier.SetStampAsync(Key("stamp:b"), 22, TimeSpan.FromHours(1), CancellationToken.None);

        var stamps = await tier.GetStampsAsync([Key("stamp:b"), Key("stamp:none"), Key("stamp:a"), Key("stamp:b")], CancellationToken.None);

        stamps.ShouldBe([22L, 0L, 11L, 22L]);
    }

    [Fact]
    public async Task GetStampsAsync_NoKeys_ReturnsEmpty()
    {
        var tier = await TierAsync();

        (await tier.GetStampsAsync([], CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetStampsAsync_PastRetention_ReturnsZero()
    {
        var tier = await TierAsync();
        var retention = ExpiryTimeToLive;
        await tier.SetStampAsync(Key("stamp:t"), 100, retention, CancellationToken.None);

        await LetTimePassAsync(retention);

        (await tier.GetStampsAsync([Key("stamp:t")], CancellationToken.None)).ShouldBe([0L]);
    }

    [Fact]
    public async Task GetStampsAsync_WithinRetention_ReturnsTheStamp()
    {
        var tier = await TierAsync();
        var retention = ExpiryTimeToLive;
        await tier.SetStampAsync(Key("stamp:t"), 100, retention, CancellationToken.None);

        if (UsesManualClock)
        {
            Advance(retention - TimeSpan.FromTicks(1));
        }

        (await tier.GetStampsAsync([Key("stamp:t")], CancellationToken.None)).ShouldBe([100L]);
    }

    // ---- Purge ----

    [Fact]
    public async Task PurgeAsync_Prefix_RemovesExactlyTheKeysStartingWithItAndCountsThem()
    {
        var tier = await TierAsync();
        var prefix = Key("ns:");
        string[] purged = [prefix + "1", prefix + "2", prefix + "deep:3", prefix];
        string[] kept = [Key("ns"), Key("other:1"), Key("x" + prefix), $"{Scope}-copy:{prefix}", Key("nt:1")];
        foreach (var key in purged.Concat(kept))
        {
            await tier.SetAsync(key, new byte[] { 1 }, Later, CancellationToken.None);
        }

        var removed = await tier.PurgeAsync(prefix, CancellationToken.None);

        removed.ShouldBe(purged.Length);
        (await tier.GetManyAsync(purged, CancellationToken.None)).ShouldAllBe(v => v == null);
        (await tier.GetManyAsync(kept, CancellationToken.None)).ShouldAllBe(v => v != null);
    }

    [Fact]
    public async Task PurgeAsync_NoMatchingKey_ReturnsZero()
    {
        var tier = await TierAsync();
        await tier.SetAsync(Key("a:1"), new byte[] { 1 }, Later, CancellationToken.None);

        (await tier.PurgeAsync(Key("b:"), CancellationToken.None)).ShouldBe(0);

        (await tier.GetAsync(Key("a:1"), CancellationToken.None)).ShouldBe(new byte[] { 1 });
    }

    [Fact]
    public async Task PurgeAsync_ManyKeys_RemovesThemAll()
    {
        var tier = await TierAsync();
        var prefix = Key("bulk:");
        var writes = Enumerable.Range(0, 500).Select(i => new DistributedWrite($"{prefix}{i}", new byte[] { (byte)i }, Later)).ToArray();
        await tier.SetManyAsync(writes, CancellationToken.None);

        (await tier.PurgeAsync(prefix, CancellationToken.None)).ShouldBe(500);

        (await tier.GetManyAsync([.. writes.Select(w => w.Key)], CancellationToken.None)).ShouldAllBe(v => v == null);
    }

    [Fact]
    public async Task PurgeAsync_FromAnotherNode_RemovesTheKeys()
    {
        var first = await TierAsync();
        var second = await SecondNodeAsync();
        await first.SetAsync(Key("p:1"), new byte[] { 1 }, Later, CancellationToken.None);

        (await second.PurgeAsync(Key("p:"), CancellationToken.None)).ShouldBe(1);

        (await first.GetAsync(Key("p:1"), CancellationToken.None)).ShouldBeNull();
    }

    // ---- Subscribe ----

    [Fact]
    public async Task Subscribe_OtherNodeSets_HearsTheKey()
    {
        var writer = await TierAsync();
        var listener = await SecondNodeAsync();
        var observer = new RecordingObserver();
        using var subscription = listener.Subscribe(observer);

        await writer.SetAsync(Key("k"), new byte[] { 1 }, Later, CancellationToken.None);

        await observer.HeardAsync(Key("k"));
    }

    [Fact]
    public async Task Subscribe_OtherNodeSetsMany_HearsEveryKey()
    {
        var writer = await TierAsync();
        var listener = await SecondNodeAsync();
        var observer = new RecordingObserver();
        using var subscription = listener.Subscribe(observer);

        await writer.SetManyAsync(
            [new DistributedWrite(Key("a"), new byte[] { 1 }, Later), new DistributedWrite(Key("b"), new byte[] { 2 }, Later)],
            CancellationToken.None);

        await observer.HeardAsync(Key("a"));
        await observer.HeardAsync(Key("b"));
    }

    [Fact]
    public async Task Subscribe_OtherNodeRemoves_HearsTheKey()
    {
        var writer = await TierAsync();
        var listener = await SecondNodeAsync();
        await writer.SetAsync(Key("k"), new byte[] { 1 }, Later, CancellationToken.None);
        var observer = new RecordingObserver();
        using var subscription = listener.Subscribe(observer);

        await writer.RemoveAsync([Key("k")], CancellationToken.None);

        await observer.HeardAsync(Key("k"));
    }

    [Fact]
    public async Task Subscribe_OtherNodeRaisesAStamp_HearsTheStampKey()
    {
        var writer = await TierAsync();
        var listener = await SecondNodeAsync();
        var observer = new RecordingObserver();
        using var subscription = listener.Subscribe(observer);

        await writer.SetStampAsync(Key("stamp:t"), 100, TimeSpan.FromHours(1), CancellationToken.None);

        await observer.HeardAsync(Key("stamp:t"));
    }

    [Fact]
    public async Task Subscribe_OwnChanges_AreNotHeard()
    {
        var self = await TierAsync();
        var other = await SecondNodeAsync();
        var observer = new RecordingObserver();
        using var subscription = self.Subscribe(observer);

        await self.SetAsync(Key("own-set"), new byte[] { 1 }, Later, CancellationToken.None);
        await self.SetManyAsync([new DistributedWrite(Key("own-many"), new byte[] { 1 }, Later)], CancellationToken.None);
        await self.RemoveAsync([Key("own-set")], CancellationToken.None);
        await self.SetStampAsync(Key("own-stamp"), 1, TimeSpan.FromHours(1), CancellationToken.None);
        // A change by the other node, made after ours: once it is heard, ours would have been too.
        await other.SetAsync(Key("barrier"), new byte[] { 1 }, Later, CancellationToken.None);
        await observer.HeardAsync(Key("barrier"));

        observer.Keys.ShouldNotContain(k => k.Contains(":own-", StringComparison.Ordinal), $"heard: {string.Join(", ", observer.Keys)}");
    }

    [Fact]
    public async Task Subscribe_Disposed_StopsDelivery()
    {
        var writer = await TierAsync();
        var listener = await SecondNodeAsync();
        var stopped = new RecordingObserver();
        var still = new RecordingObserver();
        using var stillSubscribed = listener.Subscribe(still);
        var subscription = listener.Subscribe(stopped);
        await writer.SetAsync(Key("before"), new byte[] { 1 }, Later, CancellationToken.None);
        await stopped.HeardAsync(Key("before"));

        subscription.Dispose();
        await writer.SetAsync(Key("after"), new byte[] { 1 }, Later, CancellationToken.None);
        await still.HeardAsync(Key("after"));

        stopped.Keys.ShouldNotContain(Key("after"));
    }

    [Fact]
    public async Task Subscribe_TwoObserversOnOneNode_BothHear()
    {
        var writer = await TierAsync();
        var listener = await SecondNodeAsync();
        var first = new RecordingObserver();
        var second = new RecordingObserver();
        using var firstSubscription = listener.Subscribe(first);
        using var secondSubscription = listener.Subscribe(second);

        await writer.SetAsync(Key("k"), new byte[] { 1 }, Later, CancellationToken.None);

        await first.HeardAsync(Key("k"));
        await second.HeardAsync(Key("k"));
    }

    // ---- Cancellation ----

    [Fact]
    public async Task Operations_PreCancelledToken_ThrowOperationCanceled()
    {
        var tier = await TierAsync();
        await tier.SetAsync(Key("k"), new byte[] { 1 }, Later, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var token = cts.Token;

        await Should.ThrowAsync<OperationCanceledException>(async () => await tier.GetAsync(Key("k"), token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await tier.GetManyAsync([Key("k")], token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await tier.SetAsync(Key("c"), new byte[] { 1 }, Later, token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await tier.SetManyAsync([new DistributedWrite(Key("c"), new byte[] { 1 }, Later)], token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await tier.RemoveAsync([Key("k")], token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await tier.GetStampsAsync([Key("s")], token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await tier.SetStampAsync(Key("s"), 1, TimeSpan.FromHours(1), token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await tier.PurgeAsync(Key("none:"), token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await tier.PingAsync(token));
    }

    [Fact]
    public async Task Writes_PreCancelledToken_ChangeNothing()
    {
        var tier = await TierAsync();
        await tier.SetAsync(Key("k"), new byte[] { 1 }, Later, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await tier.SetAsync(Key("k"), new byte[] { 2 }, Later, cts.Token));
        await Should.ThrowAsync<OperationCanceledException>(async () => await tier.RemoveAsync([Key("k")], cts.Token));

        (await tier.GetAsync(Key("k"), CancellationToken.None)).ShouldBe(new byte[] { 1 });
    }

    // ---- Helpers ----

    /// <summary>The time-to-live of expiry tests: on a manual clock any (a minute); on the real clock a short one.</summary>
    private TimeSpan ExpiryTimeToLive => UsesManualClock ? TimeSpan.FromMinutes(1) : RealClockTimeToLive;

    private async ValueTask<IDistributedTier> TierAsync()
    {
        var tier = await CreateTierAsync();
        _tiers.Add(tier);
        return tier;
    }

    private async ValueTask<IDistributedTier> SecondNodeAsync()
    {
        var tier = await CreateSecondNodeAsync();
        _tiers.Add(tier);
        return tier;
    }

    private void Advance(TimeSpan span) => ((ManualTimeProvider)Time).Advance(span);

    /// <summary>Lets <paramref name="span"/> pass: advances the manual clock, or (a store on the real clock) waits it
    /// out, with a margin for the store's expiry resolution. Waiting is the behaviour under test here, not a guess at
    /// when a condition holds.</summary>
    private async Task LetTimePassAsync(TimeSpan span)
    {
        if (UsesManualClock)
        {
            Advance(span);
            return;
        }

        await Task.Delay(span + TimeSpan.FromMilliseconds(50));
    }
}
