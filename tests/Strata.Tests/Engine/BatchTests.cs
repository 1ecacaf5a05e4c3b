namespace Strata.Tests.Engine;

/// <summary>GetManyAsync, SetManyAsync and the batched factory.</summary>
public sealed class BatchTests
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(5) };

    [Fact]
    public async Task GetOrCreateMany_LoadsAllMissingKeysInOneFactoryCall()
    {
        using var harness = new CacheHarness(withL2: true);
        await harness.Cache.SetAsync("a", "cached-a", Options);
        var batches = new List<IReadOnlyList<string>>();

        var result = await harness.Cache.GetOrCreateManyAsync<List<IReadOnlyList<string>>, string>(
            ["a", "b", "c", "b"],
            batches,
            static (seen, keys, _) =>
            {
                seen.Add(keys);
                return ValueTask.FromResult<IReadOnlyDictionary<string, string>>(keys.ToDictionary(k => k, k => $"loaded-{k}"));
            },
            Options);

        result.ShouldBe(new Dictionary<string, string> { ["a"] = "cached-a", ["b"] = "loaded-b", ["c"] = "loaded-c" }, ignoreOrder: true);
        batches.Count.ShouldBe(1);
        batches[0].ShouldBe(["b", "c"], ignoreOrder: true);
        (await harness.Cache.TryGetAsync<string>("c"))!.Value.Value.ShouldBe("loaded-c");
    }

    [Fact]
    public async Task GetOrCreateMany_KeyBeingLoadedBySingleCall_IsJoinedNotLoadedTwice()
    {
        using var harness = new CacheHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var single = harness.Cache.GetOrCreateAsync("x", release, static async (gate, _) =>
        {
            await gate.Task;
            return "single-x";
        }, Options).AsTask();
        var batchKeys = new List<string>();

        var batch = harness.Cache.GetOrCreateManyAsync<List<string>, string>(
            ["x", "y"],
            batchKeys,
            static (seen, keys, _) =>
            {
                seen.AddRange(keys);
                return ValueTask.FromResult<IReadOnlyDictionary<string, string>>(keys.ToDictionary(k => k, k => $"batch-{k}"));
            },
            Options).AsTask();
        release.SetResult();

        (await single).ShouldBe("single-x");
        (await batch).ShouldBe(new Dictionary<string, string> { ["x"] = "single-x", ["y"] = "batch-y" }, ignoreOrder: true);
        batchKeys.ShouldBe(["y"]);
    }

    [Fact]
    public async Task GetOrCreateMany_KeyTheFactoryDoesNotReturn_IsOmittedAndNotCached()
    {
        using var harness = new CacheHarness();
        var result = await harness.Cache.GetOrCreateManyAsync<int, string>(
            ["known", "unknown"],
            0,
            static (_, keys, _) => ValueTask.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["known"] = "v" }),
            Options);

        result.Keys.ShouldBe(["known"]);
        (await harness.Cache.TryGetAsync<string>("unknown")).ShouldBeNull();
    }

    [Fact]
    public async Task GetMany_MixesL1AndOneL2RoundTrip()
    {
        using var harness = new CacheHarness(withL2: true);
        await harness.Cache.SetManyAsync<int>([new("a", 1), new("b", 2), new("c", 3)], Options);
        await harness.Cache.RemoveAsync("c");
        var b = new Strata.Engine.L1Key(harness.Engine.GetNamespace("default"), "b");
        harness.Engine.L1.Remove(b);
        // The first L2 read of a namespace also fetches its invalidation stamps, once.
        await harness.Cache.GetManyAsync<int>(["b"]);
        harness.Engine.L1.Remove(b);
        var callsBefore = harness.Chaos!.Calls;

        var found = await harness.Cache.GetManyAsync<int>(["a", "b", "c"]);

        found.ShouldBe(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, ignoreOrder: true);
        (harness.Chaos.Calls - callsBefore).ShouldBe(1);
    }
}
