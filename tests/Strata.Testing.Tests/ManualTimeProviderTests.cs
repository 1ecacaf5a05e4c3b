namespace Strata.Testing.Tests;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void GetUtcNow_NewProvider_StartsAtDefaultInstant()
    {
        var time = new ManualTimeProvider();

        time.GetUtcNow().ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        time.LocalTimeZone.ShouldBe(TimeZoneInfo.Utc);
    }

    [Fact]
    public void Advance_Timestamps_MeasureAdvancedTime()
    {
        var time = new ManualTimeProvider();
        var start = time.GetTimestamp();

        time.Advance(TimeSpan.FromMilliseconds(1500));

        time.GetElapsedTime(start).ShouldBe(TimeSpan.FromMilliseconds(1500));
        time.UtcNow.ShouldBe(ManualTimeProvider.DefaultStart.AddMilliseconds(1500));
    }

    [Fact]
    public void ManualTimeProvider_Advance_FiresDueTimersInOrder()
    {
        var time = new ManualTimeProvider();
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow())), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow())), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var tooLate = time.CreateTimer(_ => fired.Add(("too-late", time.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(5));

        fired.ShouldBe([
            ("early", ManualTimeProvider.DefaultStart.AddSeconds(1)),
            ("late", ManualTimeProvider.DefaultStart.AddSeconds(3)),
        ]);
        time.UtcNow.ShouldBe(ManualTimeProvider.DefaultStart.AddSeconds(5));
    }

    [Fact]
    public void Advance_SameDueTime_FiresInCreationOrder()
    {
        var time = new ManualTimeProvider();
        var fired = new List<int>();
        using var first = time.CreateTimer(_ => fired.Add(1), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var second = time.CreateTimer(_ => fired.Add(2), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(1));

        fired.ShouldBe([1, 2]);
    }

    [Fact]
    public void Advance_BeforeDueTime_DoesNotFire()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMilliseconds(1999));
        count.ShouldBe(0);

        time.Advance(TimeSpan.FromMilliseconds(1));
        count.ShouldBe(1);
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerPeriod()
    {
        var time = new ManualTimeProvider();
        var firedAt = new List<DateTimeOffset>();
        using var timer = time.CreateTimer(_ => firedAt.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(6));

        firedAt.ShouldBe([
            ManualTimeProvider.DefaultStart.AddSeconds(1),
            ManualTimeProvider.DefaultStart.AddSeconds(3),
            ManualTimeProvider.DefaultStart.AddSeconds(5),
        ]);
    }

    [Fact]
    public void Change_Reschedule_FiresAtNewDueTimeOnly()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan).ShouldBeTrue();
        time.Advance(TimeSpan.FromSeconds(4));
        count.ShouldBe(0);

        time.Advance(TimeSpan.FromSeconds(1));
        count.ShouldBe(1);
    }

    [Fact]
    public void Change_InfiniteDueTime_StopsTimer()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromMinutes(1));

        count.ShouldBe(0);
        time.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public void Dispose_ScheduledTimer_NeverFiresAndChangeReturnsFalse()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(2));

        count.ShouldBe(0);
        timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan).ShouldBeFalse();
        time.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public void CreateTimer_ZeroDueTime_FiresImmediately()
    {
        var time = new ManualTimeProvider();
        var count = 0;

        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        count.ShouldBe(1);
    }

    [Fact]
    public void Advance_CallbackSchedulesAnotherTimer_NewTimerFiresInSameAdvance()
    {
        var time = new ManualTimeProvider();
        var firedAt = new List<DateTimeOffset>();
        ITimer? inner = null;
        using var outer = time.CreateTimer(
            _ => inner = time.CreateTimer(_ => firedAt.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan),
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(3));

        firedAt.ShouldBe([ManualTimeProvider.DefaultStart.AddSeconds(2)]);
        inner?.Dispose();
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws()
    {
        var time = new ManualTimeProvider();
        time.Advance(TimeSpan.FromSeconds(1));

        Should.Throw<ArgumentOutOfRangeException>(() => time.SetUtcNow(ManualTimeProvider.DefaultStart));
    }

    [Fact]
    public async Task Delay_WithProvider_CompletesOnlyWhenAdvancedPastDelay()
    {
        var time = new ManualTimeProvider();

        var delay = Task.Delay(TimeSpan.FromSeconds(30), time);
        time.Advance(TimeSpan.FromSeconds(29));
        delay.IsCompleted.ShouldBeFalse();

        time.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void CancellationTokenSource_WithProvider_CancelsOnAdvance()
    {
        var time = new ManualTimeProvider();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);

        time.Advance(TimeSpan.FromSeconds(9));
        cancellation.IsCancellationRequested.ShouldBeFalse();

        time.Advance(TimeSpan.FromSeconds(1));
        cancellation.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task PeriodicTimer_WithProvider_TicksOnAdvance()
    {
        var time = new ManualTimeProvider();
        using var periodic = new PeriodicTimer(TimeSpan.FromSeconds(1), time);

        var tick = periodic.WaitForNextTickAsync();
        tick.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));

        (await tick.AsTask().WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeTrue();
    }

    [Fact]
    public async Task Advance_ConcurrentCallers_FireEveryTickExactlyOnce()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        using var timer = time.CreateTimer(_ => Interlocked.Increment(ref count), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }
        })));

        count.ShouldBe(1000);
        time.UtcNow.ShouldBe(ManualTimeProvider.DefaultStart.AddSeconds(1000));
    }
}
