using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Strata.RateLimiting.AspNetCore.Incoming;

/// <summary>
/// Carries the current request to the limiters Strata wraps, so an acquired lease's quota reaches the response.
/// ASP.NET Core's rate-limiting middleware keeps the lease to itself (no feature exposes it), and a limiter is shared
/// by every request of its partition, so the request travels in an <see cref="AsyncLocal{T}"/> set by
/// <see cref="RateLimitHeadersMiddleware"/> around the rest of the pipeline.
/// </summary>
internal sealed class RateLimitResponseRecorder
{
    private static readonly AsyncLocal<RateLimitResponseRecorder?> CurrentRecorder = new();

    // One entry per limiter: the middleware may acquire the same limiter twice for one request (a synchronous attempt,
    // then an asynchronous wait when the other limiter refused), and only the latest state is true.
    // Allocated on the first acquired Strata lease only: most requests through the middleware never get one.
    private List<(RateLimiter Source, RateLimitQuota Quota)>? _entries;
    private HttpContext? _context;

    private RateLimitResponseRecorder(HttpContext context) => _context = context;

    public static RateLimitResponseRecorder? Current => CurrentRecorder.Value;

    public static RateLimitResponseRecorder Begin(HttpContext context)
    {
        var recorder = new RateLimitResponseRecorder(context);
        CurrentRecorder.Value = recorder;
        return recorder;
    }

    /// <summary>Writes the quota of an acquired lease (rejections are written by the OnRejected handler).</summary>
    public void Record(RateLimiter source, RateLimitLease lease)
    {
        var context = _context;
        if (context is null || !lease.IsAcquired || !lease.TryGetMetadata(StrataMetadataNames.Quota, out var quota) ||
            context.Response.HasStarted)
        {
            return;
        }

        var entries = _entries ??= new List<(RateLimiter Source, RateLimitQuota Quota)>(2);
        var index = -1;
        for (var i = 0; i < entries.Count && index < 0; i++)
        {
            index = ReferenceEquals(entries[i].Source, source) ? i : -1;
        }

        if (index >= 0)
        {
            entries[index] = (source, quota);
        }
        else
        {
            entries.Add((source, quota));
        }

        var policies = new string[entries.Count];
        var limits = new string[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var recorded = entries[i].Quota;
            policies[i] = RateLimitFields.FormatPolicy(recorded);
            limits[i] = RateLimitFields.FormatLimit(recorded, recorded.ResetAfter);
        }

        // Rewritten whole, before any OnRejected handler appends the refusing policy's item.
        context.Response.Headers[RateLimitHeaderNames.RateLimitPolicy] = new StringValues(policies);
        context.Response.Headers[RateLimitHeaderNames.RateLimit] = new StringValues(limits);
    }

    /// <summary>
    /// Detaches the request: work the endpoint started may keep the execution context (and this recorder) alive after
    /// the response, when the pooled <see cref="HttpContext"/> already serves another request.
    /// </summary>
    public void End() => _context = null;
}
