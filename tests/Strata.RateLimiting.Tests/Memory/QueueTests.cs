using System.Threading.RateLimiting;
using Strata.RateLimiting.Gcra;
using Strata.RateLimiting.Memory;
using Strata.RateLimiting.Tests.Infrastructure;
using Strata.Testing;

namespace Strata.RateLimiting.Tests.Memory;

/// <summary>Queueing in memory: waiters are served in order when the clock reaches their retry time, or on release.</summary>
public sealed class QueueTests
{
    [Fact]
    public async Task AcquireAsync_Queued_CompletesWhenTheClockReachesItsTurn()
    {
        var clock = new ManualTimeProvider();
        using var limiter = Gcra(clock, queueLimit: 2, QueueProcessingOrder.OldestFirst);
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();

        var first = limiter.AcquireAsync("p");
        var second = limiter.AcquireAsync("p");
        var overflow = await limiter.AcquireAsync("p");

        first.IsCompleted.ShouldBeFalse();
        second.IsCompleted.ShouldBeFalse();
        overflow.IsAcquired.ShouldBeFalse();
        limiter.GetStatistics("p")!.CurrentQueuedCount.ShouldBe(2);
        limiter.AttemptAcquire("p").IsAcquired.ShouldBeFalse();

        clock.Advance(TimeSpan.FromMilliseconds(999));
        first.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await first).IsAcquired.ShouldBeTrue();
        second.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        (await second).IsAcquired.ShouldBeTrue();
        limiter.GetStatistics("p")!.CurrentQueuedCount.ShouldBe(0);
    }

    [Fact]
    public async Task AcquireAsync_NewestFirstQueueFull_EvictsTheOldestWaiter()
    {
        var clock = new ManualTimeProvider();
        using var limiter = Gcra(clock, queueLimit: 1, QueueProcessingOrder.NewestFirst);
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();

        var oldest = limiter.AcquireAsync("p");
        var newest = limiter.AcquireAsync("p");

        var evicted = await oldest;
        evicted.IsAcquired.ShouldBeFalse();
        evicted.RetryAfter().ShouldBe(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        (await newest).IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task AcquireAsync_QueuedThenCancelled_ThrowsAndFreesItsPlace()
    {
        var clock = new ManualTimeProvider();
        using var limiter = Gcra(clock, queueLimit: 1, QueueProcessingOrder.OldestFirst);
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();
        using var cancellation = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync("p", 1, cancellation.Token);
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await waiting);
        limiter.GetStatistics("p")!.CurrentQueuedCount.ShouldBe(0);
        var next = limiter.AcquireAsync("p");
        clock.Advance(TimeSpan.FromSeconds(1));
        (await next).IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task Concurrency_Release_ServesTheQueue()
    {
        using var limiter = StrataRateLimiter.CreateConcurrency(new ConcurrencyRateLimiterOptions
        {
            PermitLimit = 2, QueueLimit = 2, TimeProvider = new ManualTimeProvider(),
        });
        var held = await limiter.AcquireAsync("p", 2);

        var waiting = limiter.AcquireAsync("p");
        waiting.IsCompleted.ShouldBeFalse();
        held.Dispose();
        held.Dispose();

        using var lease = await waiting;
        lease.IsAcquired.ShouldBeTrue();
        (await limiter.GetUsageAsync("p")).Remaining.ShouldBe(1);
    }

    [Fact]
    public async Task Dispose_WithWaiters_CompletesThemRejected()
    {
        var limiter = Gcra(new ManualTimeProvider(), queueLimit: 1, QueueProcessingOrder.OldestFirst);
        (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();
        var waiting = limiter.AcquireAsync("p");

        limiter.Dispose();

        (await waiting).IsAcquired.ShouldBeFalse();
    }

    [Fact]
    public async Task IdlePartitions_AreDroppedBySweep()
    {
        var clock = new ManualTimeProvider();
        using var limiter = Gcra(clock, queueLimit: 0, QueueProcessingOrder.OldestFirst);
        for (var i = 0; i < 100; i++)
        {
            (await limiter.AcquireAsync("user-" + i)).IsAcquired.ShouldBeTrue();
        }

        var engine = (MemoryRateLimiter<GcraState>)limiter;
        var before = engine.PartitionCount;
        clock.Advance(TimeSpan.FromMinutes(1));

        before.ShouldBe(100);
        engine.PartitionCount.ShouldBe(0);
        (await limiter.AcquireAsync("user-1")).IsAcquired.ShouldBeTrue();
    }

    private static StrataPartitionedRateLimiter Gcra(TimeProvider clock, int queueLimit, QueueProcessingOrder order) =>
        StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions
        {
            PermitLimit = 1, Window = TimeSpan.FromSeconds(1), QueueLimit = queueLimit, QueueProcessingOrder = order, TimeProvider = clock,
        });
}
