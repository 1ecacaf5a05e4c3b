using System.Threading.RateLimiting;

namespace Strata.RateLimiting.AspNetCore.Tests.Fakes;

/// <summary>
/// Behaves like a Redis-backed Strata limiter: <c>AttemptAcquire</c> never decides (a not-acquired lease marked
/// <see cref="StrataMetadataNames.Undecided"/>); <c>AcquireAsync</c> decides, admitting <paramref name="limit"/> permits
/// and then refusing with <paramref name="retryAfter"/>.
/// </summary>
internal sealed class UndecidedLimiter(int limit, TimeSpan retryAfter) : RateLimiter
{
    private int _admitted;

    public int Decisions { get; private set; }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        new FakeLease(false, new Dictionary<string, object?> { [StrataMetadataNames.Undecided.Name] = true });

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Decisions++;
        if (_admitted < limit)
        {
            _admitted++;
            return new ValueTask<RateLimitLease>(new FakeLease(true, new Dictionary<string, object?>()));
        }

        return new ValueTask<RateLimitLease>(new FakeLease(false, new Dictionary<string, object?> { [MetadataName.RetryAfter.Name] = retryAfter }));
    }
}
