using Strata.Policies.Adjusters;

namespace Strata.Tests.Policies.Adjusters;

public sealed class SeasonAdjusterTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan InSeason = TimeSpan.FromMinutes(22.5);

    // Summer (the seeds' default peak months) and a festive season that wraps over the new year.
    private static readonly SeasonAdjuster<TravelSearch> Hotel = new(
        [new SeasonRange(6, 1, 8, 31), new SeasonRange(12, 15, 1, 6)],
        DurationAdjustment.Multiply(0.75),
        static p => p.Date);

    [Theory]
    [InlineData(2026, 5, 31, -1, false)]   // the instant before the season starts... is still 31 May
    [InlineData(2026, 6, 1, -1, false)]    // 1 tick before 1 June
    [InlineData(2026, 6, 1, 0, true)]      // exactly the first day
    [InlineData(2026, 6, 1, 1, true)]
    [InlineData(2026, 7, 15, 0, true)]
    [InlineData(2026, 9, 1, -1, true)]     // the last tick of 31 August
    [InlineData(2026, 9, 1, 0, false)]     // the day after the last day
    [InlineData(2026, 9, 1, 1, false)]
    [InlineData(2026, 12, 15, -1, false)]
    [InlineData(2026, 12, 15, 0, true)]
    [InlineData(2026, 12, 31, 0, true)]
    [InlineData(2027, 1, 1, -1, true)]     // the last tick of the old year
    [InlineData(2027, 1, 1, 0, true)]      // wrapped into the new year
    [InlineData(2027, 1, 7, -1, true)]     // the last tick of 6 January
    [InlineData(2027, 1, 7, 0, false)]
    [InlineData(2027, 3, 1, 0, false)]
    public void Adjust_DateAroundSeasonBoundaries_ShorterOnlyInSeason(int year, int month, int day, long extraTicks, bool inSeason)
    {
        var date = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).AddTicks(extraTicks);

        Hotel.Adjust(AdjusterContexts.For(new TravelSearch(date)), Base).ShouldBe(inSeason ? InSeason : Base);
    }

    [Fact]
    public void Adjust_DateInItsOwnOffset_UsesItsCalendarDay()
    {
        // 1 June 00:30 at +02:00 is still 31 May in UTC: the traveller's local day is what counts.
        var date = new DateTimeOffset(2026, 6, 1, 0, 30, 0, TimeSpan.FromHours(2));

        Hotel.Adjust(AdjusterContexts.For(new TravelSearch(date)), Base).ShouldBe(InSeason);
    }

    [Fact]
    public void Adjust_NoSelector_UsesContextNow()
    {
        var adjuster = new SeasonAdjuster<object>([new SeasonRange(6, 1, 8, 31)], DurationAdjustment.Multiply(0.75));

        adjuster.Adjust(AdjusterContexts.For(now: new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)), Base).ShouldBe(InSeason);
        adjuster.Adjust(AdjusterContexts.For(now: new DateTimeOffset(2026, 5, 31, 23, 59, 59, TimeSpan.Zero)), Base).ShouldBe(Base);
    }

    [Fact]
    public void Adjust_SelectorWithoutDateOrOtherParameters_Unchanged()
    {
        // Now (1 June) is in season, but the selector decides: no date, no adjustment.
        Hotel.Adjust(AdjusterContexts.For(new TravelSearch(null)), Base).ShouldBe(Base);
        Hotel.Adjust(AdjusterContexts.For("other"), Base).ShouldBe(Base);
    }

    [Fact]
    public void Adjust_SingleDaySeasonOnLeapDay_MatchesOnlyThatDay()
    {
        var adjuster = new SeasonAdjuster<TravelSearch>([new SeasonRange(2, 29, 2, 29)], DurationAdjustment.Fixed(TimeSpan.FromMinutes(1)), static p => p.Date);

        adjuster.Adjust(AdjusterContexts.For(new TravelSearch(new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero))), Base).ShouldBe(TimeSpan.FromMinutes(1));
        adjuster.Adjust(AdjusterContexts.For(new TravelSearch(new DateTimeOffset(2028, 2, 28, 12, 0, 0, TimeSpan.Zero))), Base).ShouldBe(Base);
        adjuster.Adjust(AdjusterContexts.For(new TravelSearch(new DateTimeOffset(2028, 3, 1, 0, 0, 0, TimeSpan.Zero))), Base).ShouldBe(Base);
    }

    [Theory]
    [InlineData(0, 1, 8, 31, "startMonth")]
    [InlineData(13, 1, 8, 31, "startMonth")]
    [InlineData(6, 0, 8, 31, "startDay")]
    [InlineData(6, 1, 4, 31, "endDay")]
    [InlineData(6, 1, 0, 1, "endMonth")]
    [InlineData(2, 30, 3, 1, "startDay")]
    public void SeasonRange_InvalidMonthOrDay_ThrowsArgumentOutOfRangeException(int startMonth, int startDay, int endMonth, int endDay, string parameter)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SeasonRange(startMonth, startDay, endMonth, endDay)).ParamName.ShouldBe(parameter);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Should.Throw<ArgumentException>(() => new SeasonAdjuster<object>([], DurationAdjustment.Multiply(1))).ParamName.ShouldBe("peakSeasons");
        Should.Throw<ArgumentNullException>(() => new SeasonAdjuster<object>(null!, DurationAdjustment.Multiply(1))).ParamName.ShouldBe("peakSeasons");
        Should.Throw<ArgumentNullException>(() => new SeasonAdjuster<object>([new SeasonRange(1, 1, 1, 2)], null!)).ParamName.ShouldBe("inSeason");
    }
}
