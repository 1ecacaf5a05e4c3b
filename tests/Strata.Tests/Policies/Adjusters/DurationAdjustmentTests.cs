using Strata.Policies.Adjusters;

namespace Strata.Tests.Policies.Adjusters;

public sealed class DurationAdjustmentTests
{
    [Theory]
    [InlineData(0.5, 300)]
    [InlineData(1.5, 900)]
    [InlineData(0, 0)]
    [InlineData(1, 600)]
    public void Multiply_Factor_ScalesDuration(double factor, int expectedSeconds)
    {
        DurationAdjustment.Multiply(factor).Apply(TimeSpan.FromMinutes(10)).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Multiply_Overflow_SaturatesAtMaxValue()
    {
        DurationAdjustment.Multiply(2).Apply(TimeSpan.MaxValue / 1.5).ShouldBe(TimeSpan.MaxValue);
    }

    [Fact]
    public void Multiply_FractionalTicks_RoundedToNearestTick()
    {
        DurationAdjustment.Multiply(0.5).Apply(TimeSpan.FromTicks(3)).ShouldBe(TimeSpan.FromTicks(2));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Multiply_InvalidFactor_ThrowsArgumentOutOfRangeException(double factor)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => DurationAdjustment.Multiply(factor)).ParamName.ShouldBe("factor");
    }

    [Fact]
    public void Fixed_AnyDuration_Replaced()
    {
        DurationAdjustment.Fixed(TimeSpan.FromMinutes(2)).Apply(TimeSpan.FromHours(1)).ShouldBe(TimeSpan.FromMinutes(2));
        DurationAdjustment.Fixed(TimeSpan.FromMinutes(2)).Apply(TimeSpan.FromSeconds(1)).ShouldBe(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void AtMost_CapsOnlyLongerDurations()
    {
        var cap = DurationAdjustment.AtMost(TimeSpan.FromMinutes(2));

        cap.Apply(TimeSpan.FromMinutes(2).Add(TimeSpan.FromTicks(1))).ShouldBe(TimeSpan.FromMinutes(2));
        cap.Apply(TimeSpan.FromMinutes(2)).ShouldBe(TimeSpan.FromMinutes(2));
        cap.Apply(TimeSpan.FromMinutes(2).Subtract(TimeSpan.FromTicks(1))).ShouldBe(TimeSpan.FromMinutes(2).Subtract(TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void FixedAndAtMost_NegativeDuration_ThrowArgumentOutOfRangeException()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => DurationAdjustment.Fixed(TimeSpan.FromTicks(-1))).ParamName.ShouldBe("duration");
        Should.Throw<ArgumentOutOfRangeException>(() => DurationAdjustment.AtMost(TimeSpan.FromTicks(-1))).ParamName.ShouldBe("duration");
    }

    [Fact]
    public void ToString_DescribesAdjustment()
    {
        DurationAdjustment.Multiply(0.75).ToString().ShouldBe("x 0.75");
        DurationAdjustment.Fixed(TimeSpan.FromMinutes(2)).ToString().ShouldBe("= 00:02:00");
        DurationAdjustment.AtMost(TimeSpan.FromMinutes(2)).ToString().ShouldBe("<= 00:02:00");
    }
}
