using Strata.Policies.Adjusters;

namespace Strata.Tests.Policies.Adjusters;

public sealed class DurationClampTests
{
    private static readonly TimeSpan Minimum = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Maximum = TimeSpan.FromMinutes(30);
    private static readonly DurationClamp Clamp = new(Minimum, Maximum);

    [Theory]
    [InlineData(0, 60)]
    [InlineData(60 * TimeSpan.TicksPerSecond - 1, 60)]        // 1 tick under the minimum
    [InlineData(60 * TimeSpan.TicksPerSecond, 60)]
    [InlineData(60 * TimeSpan.TicksPerSecond + 1, -1)]        // 1 tick over the minimum: kept
    [InlineData(1800 * TimeSpan.TicksPerSecond - 1, -1)]      // 1 tick under the maximum: kept
    [InlineData(1800 * TimeSpan.TicksPerSecond, 1800)]
    [InlineData(1800 * TimeSpan.TicksPerSecond + 1, 1800)]    // 1 tick over the maximum
    public void Adjust_DurationAroundBounds_Clamped(long ticks, int expectedSeconds)
    {
        var duration = TimeSpan.FromTicks(ticks);

        Clamp.Adjust(AdjusterContexts.For(), duration).ShouldBe(expectedSeconds < 0 ? duration : TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Adjust_NegativeDuration_RaisedToMinimum()
    {
        Clamp.Adjust(AdjusterContexts.For(), TimeSpan.FromMinutes(-5)).ShouldBe(Minimum);
    }

    [Fact]
    public void Constructor_NegativeMinimum_ThrowsArgumentOutOfRangeException()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new DurationClamp(TimeSpan.FromTicks(-1), Maximum)).ParamName.ShouldBe("minimum");
    }

    [Fact]
    public void Constructor_MaximumBelowMinimum_ThrowsArgumentOutOfRangeException()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new DurationClamp(Maximum, Minimum)).ParamName.ShouldBe("maximum");
    }

    [Fact]
    public void Constructor_EqualBounds_FixesDuration()
    {
        new DurationClamp(Minimum, Minimum).Adjust(AdjusterContexts.For(), Maximum).ShouldBe(Minimum);
    }
}
