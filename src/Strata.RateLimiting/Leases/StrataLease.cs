using System.Threading.RateLimiting;

namespace Strata.RateLimiting.Leases;

/// <summary>
/// The lease every Strata limiter returns: <see cref="StrataMetadataNames.Quota"/> always, <see cref="MetadataName.RetryAfter"/>
/// when rejected with a known retry time. Each decision has its own quota numbers, so leases are per decision; only the
/// constant outcomes (failure-policy answers) are cached, per limiter.
/// </summary>
internal sealed class StrataLease : RateLimitLease
{
    private static readonly string[] QuotaOnly = [StrataMetadataNames.Quota.Name];
    private static readonly string[] QuotaAndRetryAfter = [StrataMetadataNames.Quota.Name, MetadataName.RetryAfter.Name];
    private static readonly string[] QuotaAndReason = [StrataMetadataNames.Quota.Name, MetadataName.ReasonPhrase.Name];
    private static readonly string[] Pending = [StrataMetadataNames.Quota.Name, MetadataName.ReasonPhrase.Name, StrataMetadataNames.Undecided.Name];

    private readonly RateLimitQuota _quota;
    private readonly TimeSpan? _retryAfter;
    private readonly string? _reason;
    private readonly bool _undecided;
    private IDisposable? _release;

    public StrataLease(bool acquired, RateLimitQuota quota, TimeSpan? retryAfter, IDisposable? release = null, string? reason = null, bool undecided = false)
    {
        _undecided = undecided;
        IsAcquired = acquired;
        _quota = quota;
        _retryAfter = retryAfter;
        _release = release;
        _reason = reason;
    }

    public override bool IsAcquired { get; }

    public RateLimitQuota Quota => _quota;

    public TimeSpan? RetryAfter => _retryAfter;

    public override IEnumerable<string> MetadataNames =>
        _retryAfter is not null ? QuotaAndRetryAfter : _undecided ? Pending : _reason is not null ? QuotaAndReason : QuotaOnly;

    /// <summary>Builds the lease of a decision; <paramref name="release"/> only matters for acquired concurrency leases.</summary>
    public static StrataLease From(string policy, long limit, in RateLimitDecision decision, IDisposable? release = null) => new(
        decision.Acquired,
        new RateLimitQuota(policy, limit, Math.Max(0, decision.Remaining), decision.Window, decision.ResetAfter),
        !decision.Acquired && decision.RetryAfter > TimeSpan.Zero ? decision.RetryAfter : null,
        decision.Acquired ? release : null);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == StrataMetadataNames.Quota.Name)
        {
            metadata = _quota;
            return true;
        }

        if (_retryAfter is { } retryAfter && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = retryAfter;
            return true;
        }

        if (_reason is not null && metadataName == MetadataName.ReasonPhrase.Name)
        {
            metadata = _reason;
            return true;
        }

        if (_undecided && metadataName == StrataMetadataNames.Undecided.Name)
        {
            metadata = true;
            return true;
        }

        metadata = null;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        // Exactly once, even if a caller disposes twice or from two threads: a double release would free permits twice.
        if (disposing)
        {
            Interlocked.Exchange(ref _release, null)?.Dispose();
        }

        base.Dispose(disposing);
    }
}
