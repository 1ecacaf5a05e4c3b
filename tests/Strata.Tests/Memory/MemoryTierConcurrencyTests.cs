using Strata.Memory;

namespace Strata.Tests.Memory;

public sealed class MemoryTierConcurrencyTests
{
    private const long Never = long.MaxValue;

    [Fact]
    public void MixedOperations_ManyThreadsOverlappingKeys_InvariantsHold()
    {
        var log = new EvictionLog<int>();
        var tier = new MemoryTier<int, Blob>(40_000, onEvicted: log.Record);
        const int threads = 6;
        const int operations = 40_000;
        long setWeight = 0;
        var violations = 0;
        var wrongValues = 0;
        var exceptions = new List<Exception>();
        using var start = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            var random = new Random(100 + thread);
            start.SignalAndWait();
            try
            {
                for (var i = 0; i < operations; i++)
                {
                    // 500 shared keys, a skewed few of them hot, so threads collide on the same entries.
                    var key = random.Next(0, 10) < 7 ? random.Next(0, 20) : random.Next(0, 500);
                    var now = random.Next(0, 1_000);
                    switch (random.Next(0, 100))
                    {
                        case < 55:
                            if (tier.TryGet(key, now, out var found) && found.Name != Name(key))
                            {
                                Interlocked.Increment(ref wrongValues);
                            }

                            break;
                        case < 85:
                            var weight = random.Next(1, 1_500);
                            Interlocked.Add(ref setWeight, weight);
                            tier.Set(key, new Blob(Name(key), weight), weight, expiresAtTicks: random.Next(500, 2_000));
                            if (tier.Weight > tier.MaxWeight)
                            {
                                Interlocked.Increment(ref violations);
                            }

                            break;
                        case < 93:
                            tier.Remove(key);
                            break;
                        case < 97:
                            if (tier.TryPeek(key, out var current))
                            {
                                tier.Remove(key, current);
                            }

                            break;
                        case < 99:
                            tier.RemoveExpired(now);
                            break;
                        default:
                            tier.RemoveWhere(key, static (k, _, target) => k == target);
                            break;
                    }
                }
            }
            catch (Exception exception)
            {
                lock (exceptions)
                {
                    exceptions.Add(exception);
                }
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());

        exceptions.ShouldBeEmpty();
        violations.ShouldBe(0);
        wrongValues.ShouldBe(0);
        TierAssert.Consistent(tier);

        // Every value handed to Set is either still held or was reported exactly once.
        (setWeight - log.Weight).ShouldBe(tier.Weight);
    }

    [Fact]
    public void TryGet_ReadersWhileWritersReplace_AlwaysSeeAValueThatWasSet()
    {
        var tier = new MemoryTier<int, Blob>(1_000_000);
        for (var key = 0; key < 64; key++)
        {
            tier.Set(key, new Blob(Name(key), 10), 10, Never);
        }

        var wrongValues = 0;
        var misses = 0;
        using var start = new Barrier(4);
        var readers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 200_000; i++)
            {
                var key = i & 63;
                if (!tier.TryGet(key, 0, out var found))
                {
                    Interlocked.Increment(ref misses);
                }
                else if (found.Name != Name(key))
                {
                    Interlocked.Increment(ref wrongValues);
                }
            }
        }));
        var writers = Enumerable.Range(0, 2).Select(writer => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 50_000; i++)
            {
                var key = (i * 7 + writer) & 63;
                tier.Set(key, new Blob(Name(key), 10 + (i % 5)), 10 + (i % 5), Never);
            }
        }));
        var all = readers.Concat(writers).ToList();
        all.ForEach(thread => thread.Start());
        all.ForEach(thread => thread.Join());

        // Nothing is ever removed and the budget is far away: every read hits, with that key's value.
        misses.ShouldBe(0);
        wrongValues.ShouldBe(0);
        tier.Count.ShouldBe(64);
        TierAssert.Consistent(tier);
    }

    [Fact]
    public void Clear_WhileOthersWrite_InvariantsHold()
    {
        var tier = new MemoryTier<int, Blob>(20_000);
        using var start = new Barrier(3);
        var writers = Enumerable.Range(0, 2).Select(writer => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 30_000; i++)
            {
                var key = (writer * 1_000) + (i % 1_000);
                tier.Set(key, new Blob(Name(key), 100), 100, Never);
                tier.TryGet(key, 0, out _);
            }
        }));
        var clearer = new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 200; i++)
            {
                tier.Clear();
            }
        });
        var all = writers.Append(clearer).ToList();
        all.ForEach(thread => thread.Start());
        all.ForEach(thread => thread.Join());

        TierAssert.Consistent(tier);
    }

    private static string Name(int key) => $"k{key}";
}
