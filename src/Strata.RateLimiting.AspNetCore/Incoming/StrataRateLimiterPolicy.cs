using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Strata.RateLimiting.AspNetCore.Incoming;

/// <summary>
/// A policy over a caller's partitioner whose limiters are wrapped so acquired leases write the RateLimit fields.
/// <see cref="OnRejected"/> is null on purpose: the application-wide handler (<c>UseStrataRejection</c>) answers.
/// </summary>
internal sealed class StrataRateLimiterPolicy<TPartitionKey>(Func<HttpContext, RateLimitPartition<TPartitionKey>> partitioner)
    : IRateLimiterPolicy<TPartitionKey>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<TPartitionKey> GetPartition(HttpContext httpContext)
    {
        var partition = partitioner(httpContext);
        var factory = partition.Factory ?? throw new InvalidOperationException(
            "The partitioner given to AddStrataPolicy returned a RateLimitPartition without a factory.");
        // The factory runs only when ASP.NET Core meets a new partition key; the closure is the per-request cost.
        return new RateLimitPartition<TPartitionKey>(partition.PartitionKey, key => new RecordingRateLimiter(factory(key)));
    }
}
