using Microsoft.Extensions.Caching.Hybrid;
using Strata.Testing;

namespace Strata.Conformance;

/// <summary>
/// The <see cref="HybridCache"/> contract across two nodes sharing one L2: what one node writes the other reads from
/// L2 without running its factory, and after one node removes, re-sets or invalidates by tag, the other no longer
/// serves the old value. A derived class creates both caches on the given manual clock (which the L2 must obey too),
/// each node's L2 connection wrapped in a <see cref="DistributedTierProbe"/>.
/// </summary>
/// <remarks>
/// A test waits for what it depends on, through the probes: for node A's background L2 write after a factory run,
/// and for node B having handled A's change notification (at once in memory, asynchronously on a server).
/// </remarks>
public abstract class TwoNodeHybridCacheConformanceTests : IDisposable
{
    private TwoNodes? _nodes;

    /// <summary>The clock of both nodes and of the L2; nothing moves it but the tests.</summary>
    protected ManualTimeProvider Clock { get; } = new();

    private TwoNodes Nodes => _nodes ??= CreateNodes(Clock);

    private HybridCache A => Nodes.A;

    private HybridCache B => Nodes.B;

    /// <summary>Creates two nodes over one L2 on <paramref name="time"/>; default entry options must leave an entry
    /// fresh for at least a minute.</summary>
    protected abstract TwoNodes CreateNodes(ManualTimeProvider time);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    [Fact]
    public async Task GetOrCreateAsync_ValueCreatedOnA_BReadsItFromL2WithoutRunningItsFactory()
    {
        var onA = CountingFactory.Of("a");
        var onB = CountingFactory.Of("b");

        (await A.GetOrCreateAsync("k", onA.GetAsync)).ShouldBe("a-1");
        await Nodes.ProbeA.WrittenAsync("k");

        (await B.GetOrCreateAsync("k", onB.GetAsync)).ShouldBe("a-1");
        (await B.GetOrCreateAsync("k", onB.GetAsync)).ShouldBe("a-1");
        onB.Calls.ShouldBe(0);
        onA.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task SetAsync_OnA_BReadsTheValueWithoutRunningItsFactory()
    {
        var onB = CountingFactory.Of("b");

        await A.SetAsync("k", "set-on-a");

        (await B.GetOrCreateAsync("k", onB.GetAsync)).ShouldBe("set-on-a");
        onB.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task GetOrCreateAsync_MutableValueFromA_BGetsAnEqualCopy()
    {
        await A.SetAsync("order", new MutableOrder { Customer = "ada", Lines = [1, 2] });

        var read = await B.GetOrCreateAsync("order", _ => ValueTask.FromResult(new MutableOrder()));

        read.Customer.ShouldBe("ada");
        read.Lines.ShouldBe([1, 2]);
    }

    [Fact]
    public async Task RemoveAsync_OnA_BNoLongerServesTheValue()
    {
        var onB = CountingFactory.Of("b");
        await A.SetAsync("k", "set-on-a");
        (await B.GetOrCreateAsync("k", onB.GetAsync)).ShouldBe("set-on-a");
        var heard = Nodes.ProbeB.Heard.Count;

        await A.RemoveAsync("k");
        await Nodes.ProbeB.HeardAsync("k", heard);

        (await B.GetOrCreateAsync("k", onB.GetAsync)).ShouldBe("b-1");
        onB.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task RemoveAsync_WhileTheFactoryValuesL2WriteIsInFlight_TheRemovedValueIsNotServedFromL2()
    {
        var onA = CountingFactory.Of("a");
        var onB = CountingFactory.Of("b");
        Nodes.ProbeA.HoldSets();
        (await A.GetOrCreateAsync("k", onA.GetAsync)).ShouldBe("a-1");

        // The caller has its value; the background L2 write of it is still on its way when the key is removed.
        await A.RemoveAsync("k");
        var written = Nodes.ProbeA.Writes.Count;
        Nodes.ProbeA.ReleaseSets();
        // The held write lands first; then A, seeing its run was superseded, deletes what it just put back. Both are
        // L2 operations on A's side after RemoveAsync returned: wait for the second before B looks.
        await Nodes.ProbeA.WrittenAsync("k", written);
        await Nodes.ProbeA.WrittenAsync("k", written + 1);

        (await B.GetOrCreateAsync("k", onB.GetAsync)).ShouldBe("b-1");
        (await A.GetOrCreateAsync("k", onA.GetAsync, Flags(HybridCacheEntryFlags.DisableLocalCacheRead))).ShouldNotBe("a-1");
    }

    [Fact]
    public async Task RemoveAsync_ManyKeysOnA_BNoLongerServesThem()
    {
        var onB = CountingFactory.Of("b");
        await A.SetAsync("x", "x-on-a");
        await A.SetAsync("y", "y-on-a");
        await A.SetAsync("z", "z-on-a");
        foreach (var key in new[] { "x", "y", "z" })
        {
            await B.GetOrCreateAsync(key, onB.GetAsync);
        }

        var heard = Nodes.ProbeB.Heard.Count;

        await A.RemoveAsync(new[] { "x", "z" });
        await Nodes.ProbeB.HeardAsync("x", heard);
        await Nodes.ProbeB.HeardAsync("z", heard);

        (await B.GetOrCreateAsync("x", onB.GetAsync)).ShouldBe("b-1");
        (await B.GetOrCreateAsync("y", onB.GetAsync)).ShouldBe("y-on-a");
        (await B.GetOrCreateAsync("z", onB.GetAsync)).ShouldBe("b-2");
    }

    [Fact]
    public async Task SetAsync_OnAOverAValueBHolds_BServesTheNewValue()
    {
        var onB = CountingFactory.Of("b");
        (await B.GetOrCreateAsync("k", onB.GetAsync)).ShouldBe("b-1");
        await Nodes.ProbeB.WrittenAsync("k");
        var heard = Nodes.ProbeB.Heard.Count;

        await A.SetAsync("k", "new-on-a");
        await Nodes.ProbeB.HeardAsync("k", heard);

        (await B.GetOrCreateAsync("k", onB.GetAsync)).ShouldBe("new-on-a");
        onB.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_AfterARemoveOnA_ANewValueFromAReachesB()
    {
        var onA = CountingFactory.Of("a");
        var onB = CountingFactory.Of("b");
        await A.SetAsync("k", "old");
        (await B.GetOrCreateAsync("k", onB.GetAsync)).ShouldBe("old");
        var heard = Nodes.ProbeB.Heard.Count;
        await A.RemoveAsync("k");
        await Nodes.ProbeB.HeardAsync("k", heard);
        var written = Nodes.ProbeA.Writes.Count;

        (await A.GetOrCreateAsync("k", onA.GetAsync)).ShouldBe("a-1");
        await Nodes.ProbeA.WrittenAsync("k", written);

        (await B.GetOrCreateAsync("k", onB.GetAsync)).ShouldBe("a-1");
        onB.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task RemoveByTagAsync_OnA_BNoLongerServesTheTaggedEntries()
    {
        var tagged = CountingFactory.Of("tagged");
        var untagged = CountingFactory.Of("untagged");
        (await B.GetOrCreateAsync("tagged", tagged.GetAsync, tags: ["red"])).ShouldBe("tagged-1");
        (await B.GetOrCreateAsync("untagged", untagged.GetAsync, tags: ["blue"])).ShouldBe("untagged-1");
        var heard = Nodes.ProbeB.Heard.Count;

        await A.RemoveByTagAsync("red");
        await Nodes.ProbeB.HeardAsync("red", heard);

        (await B.GetOrCreateAsync("tagged", tagged.GetAsync, tags: ["red"])).ShouldBe("tagged-2");
        (await B.GetOrCreateAsync("untagged", untagged.GetAsync, tags: ["blue"])).ShouldBe("untagged-1");
    }

    [Fact]
    public async Task RemoveByTagAsync_OnABeforeBEverReadTheEntry_BDoesNotAcceptItFromL2()
    {
        var onB = CountingFactory.Of("b");
        await A.SetAsync("k", "tagged-on-a", tags: ["red"]);

        await A.RemoveByTagAsync("red");

        (await B.GetOrCreateAsync("k", onB.GetAsync, tags: ["red"])).ShouldBe("b-1");
        onB.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task RemoveByTagAsync_OnB_AStopsServingWhatItWroteAndL2DoesToo()
    {
        var onA = CountingFactory.Of("a");
        var onB = CountingFactory.Of("b");
        await A.SetAsync("k", "tagged-on-a", tags: ["red"]);
        var heard = Nodes.ProbeA.Heard.Count;

        await B.RemoveByTagAsync("red");
        await Nodes.ProbeA.HeardAsync("red", heard);

        (await A.GetOrCreateAsync("k", onA.GetAsync, tags: ["red"])).ShouldBe("a-1");
        (await B.GetOrCreateAsync("other", onB.GetAsync, tags: ["red"])).ShouldBe("b-1");
    }

    [Fact]
    public async Task RemoveByTagAsync_StarOnA_BNoLongerServesAnything()
    {
        var tagged = CountingFactory.Of("tagged");
        var untagged = CountingFactory.Of("untagged");
        (await B.GetOrCreateAsync("tagged", tagged.GetAsync, tags: ["red"])).ShouldBe("tagged-1");
        (await B.GetOrCreateAsync("untagged", untagged.GetAsync)).ShouldBe("untagged-1");
        var heard = Nodes.ProbeB.Heard.Count;

        await A.RemoveByTagAsync("*");
        await Nodes.ProbeB.HeardAsync("*", heard);

        (await B.GetOrCreateAsync("tagged", tagged.GetAsync, tags: ["red"])).ShouldBe("tagged-2");
        (await B.GetOrCreateAsync("untagged", untagged.GetAsync)).ShouldBe("untagged-2");
    }

    [Fact]
    public async Task SetAsync_OnAAfterAnInvalidation_BReadsTheNewValueWithoutRunningItsFactory()
    {
        var onB = CountingFactory.Of("b");
        (await B.GetOrCreateAsync("k", onB.GetAsync, tags: ["red"])).ShouldBe("b-1");
        var heard = Nodes.ProbeB.Heard.Count;
        await A.RemoveByTagAsync("red");
        await A.RemoveByTagAsync("*");
        await Nodes.ProbeB.HeardAsync("*", heard);

        // B, hearing an invalidation, conservatively treats everything up to its own "now" as invalidated (it cannot
        // order another node's same-instant writes against it). Time moves on before A writes, as it does in reality.
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        await A.SetAsync("k", "new-on-a", tags: ["red"]);
        await Nodes.ProbeB.HeardAsync("k", heard);

        (await B.GetOrCreateAsync("k", onB.GetAsync, tags: ["red"])).ShouldBe("new-on-a");
        onB.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_PastExpiration_NeitherNodeServesTheValue()
    {
        var onA = CountingFactory.Of("a");
        var onB = CountingFactory.Of("b");
        var options = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(1) };
        await A.SetAsync("k", "set-on-a", options);
        (await B.GetOrCreateAsync("k", onB.GetAsync, options)).ShouldBe("set-on-a");

        Clock.Advance(TimeSpan.FromMinutes(1));

        (await B.GetOrCreateAsync("k", onB.GetAsync, options)).ShouldBe("b-1");
        // B's fresh value went to L2 (awaited there before A reads); A's own copy expired.
        await Nodes.ProbeB.WrittenAsync("k");
        (await A.GetOrCreateAsync("k", onA.GetAsync, options)).ShouldBe("b-1");
        onA.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task GetOrCreateAsync_DisableDistributedCacheWriteOnA_BRunsItsOwnFactory()
    {
        var onA = CountingFactory.Of("a");
        var onB = CountingFactory.Of("b");

        (await A.GetOrCreateAsync("k", onA.GetAsync, Flags(HybridCacheEntryFlags.DisableDistributedCacheWrite))).ShouldBe("a-1");

        (await B.GetOrCreateAsync("k", onB.GetAsync)).ShouldBe("b-1");
    }

    [Fact]
    public async Task GetOrCreateAsync_DisableDistributedCacheReadOnB_BRunsItsOwnFactory()
    {
        var onB = CountingFactory.Of("b");
        await A.SetAsync("k", "set-on-a");

        (await B.GetOrCreateAsync("k", onB.GetAsync, Flags(HybridCacheEntryFlags.DisableDistributedCacheRead))).ShouldBe("b-1");

        onB.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_DisableUnderlyingDataOnB_ReturnsAsValueFromL2()
    {
        var onB = CountingFactory.Of("b");
        await A.SetAsync("k", "set-on-a");

        (await B.GetOrCreateAsync("k", onB.GetAsync, Flags(HybridCacheEntryFlags.DisableUnderlyingData))).ShouldBe("set-on-a");
        (await B.GetOrCreateAsync("absent", onB.GetAsync, Flags(HybridCacheEntryFlags.DisableUnderlyingData))).ShouldBeNull();

        onB.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task GetOrCreateAsync_PastLocalCacheExpirationOnB_BRereadsL2WithoutRunningItsFactory()
    {
        var onB = CountingFactory.Of("b");
        var options = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
        await A.SetAsync("k", "set-on-a", options);
        (await B.GetOrCreateAsync("k", onB.GetAsync, options)).ShouldBe("set-on-a");

        Clock.Advance(TimeSpan.FromMinutes(1));

        (await B.GetOrCreateAsync("k", onB.GetAsync, options)).ShouldBe("set-on-a");
        onB.Calls.ShouldBe(0);
    }

    // ---- Helpers ----

    protected static HybridCacheEntryOptions Flags(HybridCacheEntryFlags flags) => new() { Flags = flags };
}
