using Strata.RateLimiting.AspNetCore.Incoming;

namespace Strata.RateLimiting.AspNetCore.Tests.Incoming;

public sealed class RateLimitFieldsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(10_000_000, 1)]
    [InlineData(10_000_001, 2)]
    [InlineData(599_999_999, 60)]
    public void DeltaSeconds_RoundsUp(long ticks, long expected) =>
        RateLimitFields.DeltaSeconds(TimeSpan.FromTicks(ticks)).ShouldBe(expected);

    [Fact]
    public void FormatPolicy_EscapesQuotesAndBackslashes_ReplacesNonAscii()
    {
        var quota = new RateLimitQuota("a\"b\\c é", 100, 100, TimeSpan.FromSeconds(1.5), TimeSpan.Zero);

        RateLimitFields.FormatPolicy(quota).ShouldBe("\"a\\\"b\\\\c _\";q=100;w=2");
    }

    [Fact]
    public void Format_QuotaWithoutWindow_OmitsWindowAndEffectiveWindow()
    {
        var quota = new RateLimitQuota("concurrency", 10, 10, TimeSpan.Zero, TimeSpan.Zero);

        RateLimitFields.FormatPolicy(quota).ShouldBe("\"concurrency\";q=10");
        RateLimitFields.FormatLimit(quota with { Remaining = 3 }, TimeSpan.FromSeconds(5)).ShouldBe("\"concurrency\";r=3");
    }

    [Fact]
    public void FormatLimit_NegativeRemaining_ClampsToZero() =>
        RateLimitFields.FormatLimit(new RateLimitQuota("p", 5, -2, TimeSpan.FromMinutes(1), TimeSpan.Zero), TimeSpan.FromSeconds(0.2))
            .ShouldBe("\"p\";r=0;t=1");
}
