using System.Threading.RateLimiting;

namespace Strata.RateLimiting.AspNetCore.Incoming;

/// <summary>
/// Forwards to a partition's limiter and reports acquired leases to the current request's
/// <see cref="RateLimitResponseRecorder"/>. The lease itself is returned untouched.
/// </summary>
internal sealed class RecordingRateLimiter(RateLimiter inner) : RateLimiter
{
    public override TimeSpan? IdleDuration => inner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var lease = inner.AttemptAcquire(permitCount);
        RateLimitResponseRecorder.Current?.Record(this, lease);
        return lease;
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var recorder = RateLimitResponseRecorder.Current;
        var pending = inner.AcquireAsync(permitCount, cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitAndRecordAsync(pending, recorder);
        }

        var lease = pending.Result;
        recorder?.Record(this, lease);
        return new ValueTask<RateLimitLease>(lease);
    }

    protected override void Dispose(bool disposing)
    {
        // ASP.NET Core disposes a partition's limiter when it idles out or at shutdown; this wrapper owns the inner one.
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private async ValueTask<RateLimitLease> AwaitAndRecordAsync(ValueTask<RateLimitLease> pending, RateLimitResponseRecorder? recorder)
    {
        var lease = await pending.ConfigureAwait(false);
        recorder?.Record(this, lease);
        return lease;
    }
}
