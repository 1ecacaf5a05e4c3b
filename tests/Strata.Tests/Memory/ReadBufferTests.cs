using Strata.Memory;

namespace Strata.Tests.Memory;

public sealed class ReadBufferTests
{
    [Fact]
    public void TryAdd_StripeFull_ReturnsFalseUntilDrained()
    {
        var buffer = new ReadBuffer<string>(stripes: 1);
        var items = Enumerable.Range(0, 16).Select(i => $"item{i}").ToArray();

        foreach (var item in items)
        {
            buffer.TryAdd(item).ShouldBeTrue();
        }

        buffer.TryAdd("overflow").ShouldBeFalse();
        var drained = new List<string>();
        buffer.Drain(new DelegateConsumer<string>(drained.Add));
        buffer.TryAdd("after").ShouldBeTrue();

        drained.ShouldBe(items);
    }

    [Fact]
    public void Drain_Twice_DeliversEachItemOnce()
    {
        var buffer = new ReadBuffer<string>(stripes: 4);
        buffer.TryAdd("a");
        buffer.TryAdd("b");
        var drained = new List<string>();

        buffer.Drain(new DelegateConsumer<string>(drained.Add));
        buffer.Drain(new DelegateConsumer<string>(drained.Add));

        drained.ShouldBe(["a", "b"]);
    }

    [Fact]
    public void TryAdd_ManyThreads_EveryDrainedItemWasAddedAndNoneTwice()
    {
        var buffer = new ReadBuffer<string>(stripes: 4);
        const int threads = 4;
        const int perThread = 20_000;
        var items = Enumerable.Range(0, threads * perThread).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var seen = new HashSet<string>();
        var duplicates = 0;
        var gate = new Lock();
        using var start = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                if (!buffer.TryAdd(items[(thread * perThread) + i]) && gate.TryEnter())
                {
                    try
                    {
                        buffer.Drain(new DelegateConsumer<string>(item => duplicates += seen.Add(item) ? 0 : 1));
                    }
                    finally
                    {
                        gate.Exit();
                    }
                }
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());
        buffer.Drain(new DelegateConsumer<string>(item => duplicates += seen.Add(item) ? 0 : 1));

        duplicates.ShouldBe(0);
        seen.ShouldNotBeEmpty();
        seen.IsSubsetOf(items).ShouldBeTrue();
    }

    [Fact]
    public void Constructor_StripesNotPowerOfTwo_ThrowsNamingStripes()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ReadBuffer<string>(stripes: 3)).ParamName.ShouldBe("stripes");
    }
}
