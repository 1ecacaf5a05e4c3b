using Strata.Policies.Adjusters;

namespace Strata.Tests.Policies.Adjusters;

public sealed class ResultCountAdjusterTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMinutes(10);

    private static readonly ResultCountAdjuster<SearchResults> Adjuster = new(
        static r => r.Count,
        [
            ResultCountRule.MoreThan(50, DurationAdjustment.Multiply(1.25)),
            ResultCountRule.FewerThan(5, DurationAdjustment.Multiply(0.75)),
            ResultCountRule.FewerThan(1, DurationAdjustment.Fixed(TimeSpan.FromSeconds(30))),
            ResultCountRule.MoreThan(100, DurationAdjustment.Multiply(2)),
        ]);

    [Theory]
    [InlineData(0, 30)]      // empty: cached briefly, never for long
    [InlineData(1, 450)]
    [InlineData(4, 450)]
    [InlineData(5, 600)]     // exactly 5 is not "fewer than 5"
    [InlineData(6, 600)]
    [InlineData(49, 600)]
    [InlineData(50, 600)]    // exactly 50 is not "more than 50"
    [InlineData(51, 750)]
    [InlineData(99, 750)]
    [InlineData(100, 750)]
    [InlineData(101, 1200)]
    public void Adjust_ResultCount_AppliesRuleOfItsBand(int count, int expectedSeconds)
    {
        Adjuster.Adjust(AdjusterContexts.For(result: new SearchResults(count)), Base).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Adjust_ResultOfAnotherTypeOrNull_Unchanged()
    {
        Adjuster.Adjust(AdjusterContexts.For(result: 42), Base).ShouldBe(Base);
        Adjuster.Adjust(AdjusterContexts.For(result: null), Base).ShouldBe(Base);
    }

    [Fact]
    public void Adjust_ValueTypeResult_Unboxed()
    {
        var adjuster = new ResultCountAdjuster<int>(static n => n, [ResultCountRule.FewerThan(1, DurationAdjustment.Multiply(0))]);

        adjuster.Adjust(AdjusterContexts.For(result: 0), Base).ShouldBe(TimeSpan.Zero);
        adjuster.Adjust(AdjusterContexts.For(result: 1), Base).ShouldBe(Base);
    }

    [Fact]
    public void Rules_InvalidCounts_ThrowArgumentOutOfRangeException()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ResultCountRule.FewerThan(0, DurationAdjustment.Multiply(1))).ParamName.ShouldBe("count");
        Should.Throw<ArgumentOutOfRangeException>(() => ResultCountRule.MoreThan(-1, DurationAdjustment.Multiply(1))).ParamName.ShouldBe("count");
        Should.Throw<ArgumentNullException>(() => ResultCountRule.MoreThan(1, null!)).ParamName.ShouldBe("adjustment");
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Should.Throw<ArgumentNullException>(() => new ResultCountAdjuster<SearchResults>(null!, [])).ParamName.ShouldBe("countSelector");
        Should.Throw<ArgumentException>(() => new ResultCountAdjuster<SearchResults>(static r => r.Count, [])).ParamName.ShouldBe("rules");
        Should.Throw<ArgumentException>(() => new ResultCountAdjuster<SearchResults>(
            static r => r.Count,
            [ResultCountRule.MoreThan(5, DurationAdjustment.Multiply(1)), ResultCountRule.MoreThan(5, DurationAdjustment.Multiply(2))]))
            .ParamName.ShouldBe("rules");
    }

    [Fact]
    public void Constructor_SameThresholdOfDifferentKinds_Allowed()
    {
        var adjuster = new ResultCountAdjuster<SearchResults>(
            static r => r.Count,
            [ResultCountRule.FewerThan(5, DurationAdjustment.Multiply(0.5)), ResultCountRule.MoreThan(5, DurationAdjustment.Multiply(2))]);

        adjuster.Adjust(AdjusterContexts.For(result: new SearchResults(4)), Base).ShouldBe(TimeSpan.FromMinutes(5));
        adjuster.Adjust(AdjusterContexts.For(result: new SearchResults(5)), Base).ShouldBe(Base);
        adjuster.Adjust(AdjusterContexts.For(result: new SearchResults(6)), Base).ShouldBe(TimeSpan.FromMinutes(20));
    }
}
