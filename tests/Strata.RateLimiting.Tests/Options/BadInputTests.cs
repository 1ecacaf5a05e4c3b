using Strata.RateLimiting.Tests.Infrastructure;
using Strata.Resp;

namespace Strata.RateLimiting.Tests.Options;

/// <summary>Zero or negative limits and windows, and other bad options, fail at creation naming the option.</summary>
[Collection(RedisCollection.Name)]
public sealed class BadInputTests(RedisFixture redis)
{
    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void PermitLimit_NotPositive_ThrowsNamingIt(int limit)
    {
        Throws(() => StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromSeconds(1) }), "PermitLimit");
        Throws(() => StrataRateLimiter.CreateSlidingWindowCounter(new SlidingWindowCounterRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromSeconds(1) }), "PermitLimit");
        Throws(() => StrataRateLimiter.CreateSlidingWindowLog(new SlidingWindowLogRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromSeconds(1) }), "PermitLimit");
        Throws(() => StrataRateLimiter.CreateQuota(new QuotaRateLimiterOptions { PermitLimit = limit }), "PermitLimit");
        Throws(() => StrataRateLimiter.CreateConcurrency(new ConcurrencyRateLimiterOptions { PermitLimit = limit }), "PermitLimit");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    public void Window_NotPositive_ThrowsNamingIt(int milliseconds)
    {
        var window = TimeSpan.FromMilliseconds(milliseconds);
        Throws(() => StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions { PermitLimit = 1, Window = window }), "Window");
        Throws(() => StrataRateLimiter.CreateSlidingWindowCounter(new SlidingWindowCounterRateLimiterOptions { PermitLimit = 1, Window = window }), "Window");
        Throws(() => StrataRateLimiter.CreateSlidingWindowLog(new SlidingWindowLogRateLimiterOptions { PermitLimit = 1, Window = window }), "Window");
        Throws(() => StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions { PermitLimit = 1, Window = window }, redis.Options()), "Window");
    }

    [Fact]
    public void OtherOptions_OutOfRange_ThrowNamingThem()
    {
        Throws(() => StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromSeconds(1), Burst = 0 }), "Burst");
        Throws(() => StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromSeconds(1), QueueLimit = -1 }), "QueueLimit");
        Throws(() => StrataRateLimiter.CreateQuota(new QuotaRateLimiterOptions { PermitLimit = 1, ResetTime = TimeSpan.FromHours(24) }), "ResetTime");
        Throws(() => StrataRateLimiter.CreateQuota(new QuotaRateLimiterOptions { PermitLimit = 1, ResetTime = TimeSpan.FromHours(-1) }), "ResetTime");
        Throws(() => StrataRateLimiter.CreateQuota(new QuotaRateLimiterOptions { PermitLimit = 1, Period = (QuotaPeriod)42 }), "Period");
        Throws(() => StrataRateLimiter.CreateConcurrency(new ConcurrencyRateLimiterOptions { PermitLimit = 1, LeaseTimeToLive = TimeSpan.Zero }), "LeaseTimeToLive");
    }

    [Fact]
    public void RedisOptions_Invalid_ThrowNamingThem()
    {
        var gcra = new GcraRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromSeconds(1) };
        Should.Throw<ArgumentNullException>(() => StrataRateLimiter.CreateGcra(gcra, new RedisRateLimiterOptions())).ParamName.ShouldBe("Client");
        Throws(() => StrataRateLimiter.CreateGcra(gcra, Redis(o => o.ExpectedNodeCount = 0)), "ExpectedNodeCount");
        Throws(() => StrataRateLimiter.CreateGcra(gcra, Redis(o => o.OperationTimeout = TimeSpan.Zero)), "OperationTimeout");
        Throws(() => StrataRateLimiter.CreateGcra(gcra, Redis(o => o.RetryInterval = TimeSpan.FromSeconds(-1))), "RetryInterval");
        Throws(() => StrataRateLimiter.CreateGcra(gcra, Redis(o => o.FailurePolicy = (RedisFailurePolicy)9)), "FailurePolicy");
    }

    [Fact]
    public void EmptyPolicyName_Throws()
    {
        Should.Throw<ArgumentException>(() => StrataRateLimiter.CreateGcra(
            new GcraRateLimiterOptions { PolicyName = " ", PermitLimit = 1, Window = TimeSpan.FromSeconds(1) })).ParamName.ShouldBe("PolicyName");
    }

    [Fact]
    public void Options_ChangedAfterCreation_DoNotAffectTheLimiter()
    {
        var options = new GcraRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromMinutes(1), TimeProvider = new Strata.Testing.ManualTimeProvider() };
        using var limiter = StrataRateLimiter.CreateGcra(options);

        options.PermitLimit = 100;

        limiter.AttemptAcquire("p").IsAcquired.ShouldBeTrue();
        limiter.AttemptAcquire("p").IsAcquired.ShouldBeFalse();
    }

    private RedisRateLimiterOptions Redis(Action<RedisRateLimiterOptions> change)
    {
        var options = redis.Options();
        change(options);
        return options;
    }

    private static void Throws(Func<StrataPartitionedRateLimiter> create, string option)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => create());
        error.ParamName.ShouldBe(option);
        error.Message.ShouldContain(option);
    }
}
