using Strata.Policies.Adjusters;

namespace Strata.Tests.Policies.Adjusters;

public sealed class DateProximityAdjusterTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMinutes(10);

    // The seeds' flight rules, plus "departing within 24 hours: 2 minutes"; given out of order on purpose.
    private static readonly DateProximityAdjuster<TravelSearch> Flight = new(
        static p => p.Date,
        [
            DateProximityRule.Beyond(TimeSpan.FromDays(90), DurationAdjustment.Multiply(1.5)),
            DateProximityRule.Within(TimeSpan.FromDays(7), DurationAdjustment.Multiply(0.75)),
            DateProximityRule.Within(TimeSpan.FromDays(1), DurationAdjustment.Fixed(TimeSpan.FromMinutes(2))),
            DateProximityRule.Within(TimeSpan.FromDays(3), DurationAdjustment.Multiply(0.5)),
        ]);

    [Theory]
    [InlineData(-2, 0, 120)]         // departed already: the tightest window
    [InlineData(0, 0, 120)]
    [InlineData(1, -1, 120)]         // 1 tick before 24 h
    [InlineData(1, 0, 300)]          // exactly 24 h away is outside "within 24 h"
    [InlineData(1, 1, 300)]
    [InlineData(3, -1, 300)]
    [InlineData(3, 0, 450)]
    [InlineData(3, 1, 450)]
    [InlineData(7, -1, 450)]
    [InlineData(7, 0, 600)]
    [InlineData(7, 1, 600)]
    [InlineData(30, 0, 600)]
    [InlineData(90, -1, 600)]
    [InlineData(90, 0, 600)]         // exactly 90 days away is not beyond
    [InlineData(90, 1, 900)]
    [InlineData(365, 0, 900)]
    public void Adjust_TimeUntilDate_AppliesRuleOfItsBand(int days, long extraTicks, int expectedSeconds)
    {
        var date = AdjusterContexts.Now + TimeSpan.FromDays(days) + TimeSpan.FromTicks(extraTicks);

        Flight.Adjust(AdjusterContexts.For(new TravelSearch(date)), Base).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Adjust_DateWithOtherOffset_ComparesInstants()
    {
        // 2026-06-02T13:59:59.9999999+02:00 is 1 tick before 24 h after Now (12:00 UTC).
        var date = new DateTimeOffset(2026, 6, 2, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(-1);

        Flight.Adjust(AdjusterContexts.For(new TravelSearch(date)), Base).ShouldBe(TimeSpan.FromSeconds(120));
        Flight.Adjust(AdjusterContexts.For(new TravelSearch(date.AddTicks(1))), Base).ShouldBe(TimeSpan.FromSeconds(300));
    }

    [Fact]
    public void Adjust_ParametersOfAnotherType_Unchanged()
    {
        Flight.Adjust(AdjusterContexts.For("not a search"), Base).ShouldBe(Base);
        Flight.Adjust(AdjusterContexts.For(parameters: null), Base).ShouldBe(Base);
    }

    [Fact]
    public void Adjust_SelectorReturnsNull_Unchanged()
    {
        Flight.Adjust(AdjusterContexts.For(new TravelSearch(null)), Base).ShouldBe(Base);
    }

    [Fact]
    public void Adjust_OverlappingWithinAndBeyond_WithinWins()
    {
        var adjuster = new DateProximityAdjuster<TravelSearch>(
            static p => p.Date,
            [
                DateProximityRule.Within(TimeSpan.FromDays(100), DurationAdjustment.Multiply(0.5)),
                DateProximityRule.Beyond(TimeSpan.FromDays(90), DurationAdjustment.Multiply(2)),
            ]);

        adjuster.Adjust(AdjusterContexts.For(new TravelSearch(AdjusterContexts.Now.AddDays(95))), Base).ShouldBe(TimeSpan.FromMinutes(5));
        adjuster.Adjust(AdjusterContexts.For(new TravelSearch(AdjusterContexts.Now.AddDays(100))), Base).ShouldBe(TimeSpan.FromMinutes(20));
    }

    [Fact]
    public void Adjust_AtMostRule_KeepsShorterIncomingDuration()
    {
        var adjuster = new DateProximityAdjuster<TravelSearch>(
            static p => p.Date, [DateProximityRule.Within(TimeSpan.FromDays(1), DurationAdjustment.AtMost(TimeSpan.FromMinutes(2)))]);
        var context = AdjusterContexts.For(new TravelSearch(AdjusterContexts.Now.AddHours(1)));

        adjuster.Adjust(context, Base).ShouldBe(TimeSpan.FromMinutes(2));
        adjuster.Adjust(context, TimeSpan.FromSeconds(30)).ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Constructor_NullArguments_ThrowArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() => new DateProximityAdjuster<TravelSearch>(null!, [])).ParamName.ShouldBe("dateSelector");
        Should.Throw<ArgumentNullException>(() => new DateProximityAdjuster<TravelSearch>(static p => p.Date, null!)).ParamName.ShouldBe("rules");
        Should.Throw<ArgumentNullException>(() => new DateProximityAdjuster<TravelSearch>(static p => p.Date, [null!])).ParamName.ShouldBe("rules");
    }

    [Fact]
    public void Constructor_NoRules_ThrowsArgumentException()
    {
        Should.Throw<ArgumentException>(() => new DateProximityAdjuster<TravelSearch>(static p => p.Date, [])).ParamName.ShouldBe("rules");
    }

    [Fact]
    public void Constructor_TwoWithinRulesWithSameWindow_ThrowsArgumentException()
    {
        var error = Should.Throw<ArgumentException>(() => new DateProximityAdjuster<TravelSearch>(
            static p => p.Date,
            [
                DateProximityRule.Within(TimeSpan.FromDays(1), DurationAdjustment.Multiply(0.5)),
                DateProximityRule.Within(TimeSpan.FromDays(1), DurationAdjustment.Multiply(0.25)),
            ]));

        error.ParamName.ShouldBe("rules");
        error.Message.ShouldContain("1.00:00:00");
    }

    [Fact]
    public void Rules_NegativeWindowOrHorizon_ThrowArgumentOutOfRangeException()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => DateProximityRule.Within(TimeSpan.FromTicks(-1), DurationAdjustment.Multiply(1)))
            .ParamName.ShouldBe("window");
        Should.Throw<ArgumentOutOfRangeException>(() => DateProximityRule.Beyond(TimeSpan.FromDays(-1), DurationAdjustment.Multiply(1)))
            .ParamName.ShouldBe("horizon");
        Should.Throw<ArgumentNullException>(() => DateProximityRule.Within(TimeSpan.Zero, null!)).ParamName.ShouldBe("adjustment");
    }

    [Fact]
    public void Rules_Properties_DescribeRule()
    {
        var rule = DateProximityRule.Beyond(TimeSpan.FromDays(90), DurationAdjustment.Multiply(1.5));

        rule.Threshold.ShouldBe(TimeSpan.FromDays(90));
        rule.IsBeyond.ShouldBeTrue();
        rule.Adjustment.ToString().ShouldBe("x 1.5");
    }
}
