using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Strata.Resp.Cluster;
using Strata.Testing;
using Xunit.Abstractions;

namespace Strata.Resp.Tests.Cluster;

/// <summary>
/// Live resharding under continuous load: slots are moved to another primary while four loops write and read their
/// own keys, half-way first (the source serves the keys it still has, <c>ASK</c> for the moved ones), then completed
/// (<c>MOVED</c>). The client must follow both without a wrong value or a failed command.
/// </summary>
[Collection(ClusterTestCollection.Name)]
public sealed class ClusterReshardingUnderLoadTests(RedisClusterFixture fixture, ITestOutputHelper output) : IClassFixture<RedisClusterFixture>
{
    private const int Loops = 4;
    private const int KeysPerTag = 75;
    private const int KeysMovedFirst = 40;
    private static readonly string[] Tags = ["r1", "r2", "r3", "r4"];

    private RedisCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task SetGet_WhileSlotsMigrateAskThenMoved_NoWrongValueNoFailureAndBothRedirectsFollowed()
    {
        var slots = Tags.Select(HashSlot.Of).ToArray();
        slots.Distinct().Count().ShouldBe(Tags.Length);
        for (var i = 0; i < Tags.Length; i++)
        {
            (await Cluster.KeySlotAsync($"{{{Tags[i]}}}:k0")).ShouldBe(slots[i]);
        }

        var keys = Tags.SelectMany(t => Enumerable.Range(0, KeysPerTag).Select(i => $"{{{t}}}:k{i}")).ToArray();
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        // Loop l owns the keys whose index is l modulo Loops, so the value each key must hold is always known.
        var state = keys.Select((k, i) => new KeyState(k, i % Loops)).ToArray();
        foreach (var key in state)
        {
            (await client.SetAsync(key.Key, key.Value(0))).ShouldBeTrue();
        }

        var owners = new Dictionary<int, RedisClusterNode>();
        foreach (var slot in slots)
        {
            owners[slot] = await Cluster.PrimaryOfSlotAsync(slot);
        }

        var primaries = await Cluster.PrimariesAsync();
        var targets = slots.ToDictionary(s => s, s => primaries.First(p => p.Port != owners[s].Port));
        var before = client.ClusterStatistics;

        long operations = 0, wrongValues = 0;
        var exceptions = new ConcurrentDictionary<string, int>();
        var wrongSamples = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, Loops).Select(loop => Task.Run(async () =>
        {
            var mine = state.Where(s => s.Loop == loop).ToArray();
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var key = mine[round % mine.Length];
                var version = key.Acknowledged + 1 + key.Uncertain.Count;
                try
                {
                    await client.SetAsync(key.Key, key.Value(version));
                    key.Acknowledged = version;
                    key.Uncertain.Clear();
                }
                catch (Exception ex)
                {
                    // The SET may or may not have run; either value is then acceptable until the next acknowledged one.
                    key.Uncertain.Add(version);
                    exceptions.AddOrUpdate($"SET {ex.GetType().Name}: {ex.Message}", 1, (_, n) => n + 1);
                    continue;
                }
                finally
                {
                    Interlocked.Increment(ref operations);
                }

                try
                {
                    var value = await client.GetAsync(key.Key);
                    if (value != key.Value(key.Acknowledged))
                    {
                        Interlocked.Increment(ref wrongValues);
                        wrongSamples.Enqueue($"{key.Key}: expected {key.Value(key.Acknowledged)}, got {value ?? "(nil)"}");
                    }
                }
                catch (Exception ex)
                {
                    exceptions.AddOrUpdate($"GET {ex.GetType().Name}: {ex.Message}", 1, (_, n) => n + 1);
                }
                finally
                {
                    Interlocked.Increment(ref operations);
                }
            }
        })).ToArray();

        var migrated = new List<int>();
        try
        {
            await Task.Delay(200);
            foreach (var slot in slots)
            {
                // Half-done: part of the keys are on the target (source answers ASK for them), the rest still on the source.
                await Cluster.MigrateSlotAsync(slot, owners[slot], targets[slot], complete: false, keysToMove: KeysMovedFirst);
                migrated.Add(slot);
                await Task.Delay(200);
                await Cluster.CompleteMigrationAsync(slot, targets[slot]);
                await Task.Delay(100);
            }

            await Task.Delay(200);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }

        var during = client.ClusterStatistics;
        var ask = during.Ask - before.Ask;
        var moved = during.Moved - before.Moved;
        var exceptionCount = exceptions.Values.Sum();
        output.WriteLine(
            $"{operations} ops in {watch.ElapsedMilliseconds} ms over {slots.Length} slots ({keys.Length} keys): " +
            $"{wrongValues} wrong values, {exceptionCount} exceptions, ASK {ask}, MOVED {moved}, " +
            $"refreshes {during.TopologyRefreshes - before.TopologyRefreshes}, retries {during.Retries - before.Retries}, failures {during.Failures - before.Failures}");
        foreach (var (kind, count) in exceptions)
        {
            output.WriteLine($"  {count} x {kind}");
        }

        foreach (var sample in wrongSamples.Take(10))
        {
            output.WriteLine($"  wrong: {sample}");
        }

        try
        {
            foreach (var slot in slots)
            {
                (await Cluster.PrimaryOfSlotAsync(slot)).Port.ShouldBe(targets[slot].Port);
            }

            await AssertFinalValuesAsync(client, state);

            wrongValues.ShouldBe(0);
            exceptionCount.ShouldBe(0, string.Join("; ", exceptions.Select(e => $"{e.Value} x {e.Key}")));
            ask.ShouldBeGreaterThan(0);
            moved.ShouldBeGreaterThan(0);
            operations.ShouldBeGreaterThan(1000);
        }
        finally
        {
            // Restore the layout for the other tests of this class's cluster.
            foreach (var slot in migrated)
            {
                if ((await Cluster.PrimaryOfSlotAsync(slot)).Port != owners[slot].Port)
                {
                    var from = await Cluster.PrimaryOfSlotAsync(slot);
                    await Cluster.MigrateSlotAsync(slot, from, owners[slot], complete: true);
                }
            }

            await Cluster.WaitHealthyAsync();
        }

        foreach (var slot in slots)
        {
            (await Cluster.PrimaryOfSlotAsync(slot)).Port.ShouldBe(owners[slot].Port);
        }

        await AssertFinalValuesAsync(client, state);
    }

    private static async Task AssertFinalValuesAsync(RespClient client, IEnumerable<KeyState> state)
    {
        foreach (var key in state)
        {
            var value = await client.GetAsync(key.Key);
            var acceptable = key.Uncertain.Prepend(key.Acknowledged).Select(key.Value).ToArray();
            acceptable.ShouldContain(value, $"final value of {key.Key}");
        }
    }

    /// <summary>One key, written and read only by its loop.</summary>
    private sealed class KeyState(string key, int loop)
    {
        public string Key { get; } = key;

        public int Loop { get; } = loop;

        /// <summary>The last version whose SET succeeded.</summary>
        public long Acknowledged { get; set; }

        /// <summary>Versions written since, whose SET failed (it may have run).</summary>
        public List<long> Uncertain { get; } = [];

        public string Value(long version) => $"{Loop}:{Key}:{version.ToString(CultureInfo.InvariantCulture)}";
    }
}
