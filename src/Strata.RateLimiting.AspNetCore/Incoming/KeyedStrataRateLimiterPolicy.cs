using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Strata.RateLimiting.AspNetCore.Incoming;

/// <summary>
/// A policy from a partition-key selector and a limiter factory; the wrapped factory is built once, so a request costs
/// only the key.
/// </summary>
internal sealed class KeyedStrataRateLimiterPolicy<TPartitionKey> : IRateLimiterPolicy<TPartitionKey>
{
    private readonly Func<HttpContext, TPartitionKey> _partitionKey;
    private readonly Func<TPartitionKey, RateLimiter> _factory;

    public KeyedStrataRateLimiterPolicy(Func<HttpContext, TPartitionKey> partitionKey, Func<TPartitionKey, RateLimiter> limiterFactory)
    {
        _partitionKey = partitionKey;
        _factory = key => new RecordingRateLimiter(limiterFactory(key) ?? throw new InvalidOperationException(
            "The limiter factory given to AddStrataPolicy returned null."));
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<TPartitionKey> GetPartition(HttpContext httpContext) =>
        new(_partitionKey(httpContext), _factory);
}
