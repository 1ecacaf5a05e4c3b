using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Strata.RateLimiting.AspNetCore.Incoming;

namespace Strata.RateLimiting.AspNetCore;

/// <summary>
/// Strata's additions to ASP.NET Core's <see cref="RateLimiterOptions"/>: a 429 rejection with <c>Retry-After</c>, the
/// IETF <c>RateLimit</c> / <c>RateLimit-Policy</c> fields and a problem body; and policies whose acquired leases write
/// those fields too.
/// </summary>
/// <example>
/// <code>
/// services.AddRateLimiter(o => o
///     .UseStrataRejection()
///     .AddStrataPolicy("search", HttpPartitionKeys.ClientIp(), ip => new TokenBucketRateLimiter(...)));
/// ...
/// app.UseStrataRateLimiter();   // UseRateLimiter, plus the RateLimit fields on acquired responses
/// app.MapGet("/search", ...).RequireRateLimiting("search");
/// </code>
/// </example>
public static class StrataRateLimiterOptionsExtensions
{
    /// <summary>Answers rejections with 429, <c>Retry-After</c>, the RateLimit fields and a problem body (all defaults).</summary>
    /// <param name="options">The rate limiter options.</param>
    /// <returns>The same options.</returns>
    public static RateLimiterOptions UseStrataRejection(this RateLimiterOptions options) =>
        UseStrataRejection(options, static _ => { });

    /// <summary>
    /// Answers rejections as <paramref name="configure"/> says (defaults: 429, <c>Retry-After</c> in delta-seconds
    /// rounded up, <c>RateLimit-Policy</c> / <c>RateLimit</c> when the lease carries <see cref="StrataMetadataNames.Quota"/>,
    /// and an <c>application/problem+json</c> body). Leases of other limiters get what they carry: a
    /// <see cref="MetadataName.RetryAfter"/> becomes <c>Retry-After</c>, nothing else is invented.
    /// </summary>
    /// <remarks>
    /// Sets <see cref="RateLimiterOptions.RejectionStatusCode"/> and <see cref="RateLimiterOptions.OnRejected"/>. An
    /// <see cref="RateLimiterOptions.OnRejected"/> set before this call still runs, after the status and headers are
    /// set; if it writes a body, the problem body is left out. A policy's own <c>OnRejected</c> replaces this handler
    /// for that policy, as ASP.NET Core defines.
    /// </remarks>
    /// <param name="options">The rate limiter options.</param>
    /// <param name="configure">Adjusts the response.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static RateLimiterOptions UseStrataRejection(this RateLimiterOptions options, Action<StrataRateLimitResponseOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configure);

        var response = new StrataRateLimitResponseOptions();
        configure(response);
        Validate(response, nameof(configure));

        options.RejectionStatusCode = response.RejectionStatusCode;
        // Calling this twice replaces the earlier Strata handler instead of stacking two sets of headers.
        var previous = options.OnRejected?.Target is StrataRejectionHandler earlier ? earlier.Previous : options.OnRejected;
        options.OnRejected = new StrataRejectionHandler(response, previous).OnRejectedAsync;
        return options;
    }

    /// <summary>
    /// Adds a policy from a partitioner, as <see cref="RateLimiterOptions.AddPolicy{TPartitionKey}(string, Func{HttpContext, RateLimitPartition{TPartitionKey}})"/>
    /// does, whose acquired leases also write the RateLimit fields (with <c>UseStrataRateLimiter</c> /
    /// <c>UseStrataRateLimitHeaders</c> in the pipeline).
    /// </summary>
    /// <typeparam name="TPartitionKey">The partition key type.</typeparam>
    /// <param name="options">The rate limiter options.</param>
    /// <param name="policyName">The name endpoints refer to in <c>RequireRateLimiting</c>.</param>
    /// <param name="partitioner">Picks the partition (key and limiter factory) of a request.</param>
    /// <returns>The same options.</returns>
    public static RateLimiterOptions AddStrataPolicy<TPartitionKey>(
        this RateLimiterOptions options, string policyName, Func<HttpContext, RateLimitPartition<TPartitionKey>> partitioner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        ArgumentNullException.ThrowIfNull(partitioner);
        return options.AddPolicy(policyName, new StrataRateLimiterPolicy<TPartitionKey>(partitioner));
    }

    /// <summary>
    /// Adds a policy that partitions requests by <paramref name="partitionKey"/> (see <see cref="HttpPartitionKeys"/>)
    /// and gives each partition a limiter from <paramref name="limiterFactory"/>; acquired leases write the RateLimit
    /// fields too.
    /// </summary>
    /// <typeparam name="TPartitionKey">The partition key type.</typeparam>
    /// <param name="options">The rate limiter options.</param>
    /// <param name="policyName">The name endpoints refer to in <c>RequireRateLimiting</c>.</param>
    /// <param name="partitionKey">The partition of a request, for example <see cref="HttpPartitionKeys.ClientIp"/>.</param>
    /// <param name="limiterFactory">Creates the limiter of a partition the first time it is seen (ASP.NET Core owns and disposes it).</param>
    /// <returns>The same options.</returns>
    public static RateLimiterOptions AddStrataPolicy<TPartitionKey>(
        this RateLimiterOptions options,
        string policyName,
        Func<HttpContext, TPartitionKey> partitionKey,
        Func<TPartitionKey, RateLimiter> limiterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(limiterFactory);
        return options.AddPolicy(policyName, new KeyedStrataRateLimiterPolicy<TPartitionKey>(partitionKey, limiterFactory));
    }

    /// <summary>
    /// Adds a policy over one shared <see cref="PartitionedRateLimiter{TResource}"/> (such as a Redis-backed limiter
    /// keyed by string): each request acquires from <paramref name="limiter"/> with the resource
    /// <paramref name="partitionKey"/> returns. The limiter is not disposed by ASP.NET Core; its owner (usually the
    /// container) disposes it.
    /// </summary>
    /// <typeparam name="TResource">The limiter's resource type.</typeparam>
    /// <param name="options">The rate limiter options.</param>
    /// <param name="policyName">The name endpoints refer to in <c>RequireRateLimiting</c>.</param>
    /// <param name="partitionKey">The resource (partition) of a request.</param>
    /// <param name="limiter">The shared limiter.</param>
    /// <returns>The same options.</returns>
    public static RateLimiterOptions AddStrataPolicy<TResource>(
        this RateLimiterOptions options,
        string policyName,
        Func<HttpContext, TResource> partitionKey,
        PartitionedRateLimiter<TResource> limiter)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(limiter);
        return options.AddPolicy(policyName, new KeyedStrataRateLimiterPolicy<TResource>(
            partitionKey, resource => new PartitionViewRateLimiter<TResource>(limiter, resource, TimeProvider.System)));
    }

    /// <summary>
    /// Sets <see cref="RateLimiterOptions.GlobalLimiter"/> (applied to every request, before endpoint policies) to a
    /// limiter partitioned by <paramref name="partitionKey"/>, whose acquired leases write the RateLimit fields too. When
    /// an endpoint policy applies as well, the response lists both policies.
    /// </summary>
    /// <typeparam name="TPartitionKey">The partition key type.</typeparam>
    /// <param name="options">The rate limiter options.</param>
    /// <param name="partitionKey">The partition of a request, for example <see cref="HttpPartitionKeys.ClientIp"/>.</param>
    /// <param name="limiterFactory">Creates the limiter of a partition the first time it is seen.</param>
    /// <returns>The same options.</returns>
    public static RateLimiterOptions UseStrataGlobalLimiter<TPartitionKey>(
        this RateLimiterOptions options, Func<HttpContext, TPartitionKey> partitionKey, Func<TPartitionKey, RateLimiter> limiterFactory)
        where TPartitionKey : notnull
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(limiterFactory);
        var policy = new KeyedStrataRateLimiterPolicy<TPartitionKey>(partitionKey, limiterFactory);
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, TPartitionKey>(policy.GetPartition);
        return options;
    }

    /// <summary>
    /// Sets <see cref="RateLimiterOptions.GlobalLimiter"/> to one shared <see cref="PartitionedRateLimiter{TResource}"/>
    /// (such as a Redis-backed limiter keyed by string), acquired with the resource <paramref name="partitionKey"/>
    /// returns; acquired leases write the RateLimit fields too. The limiter's owner disposes it.
    /// </summary>
    /// <typeparam name="TResource">The limiter's resource type.</typeparam>
    /// <param name="options">The rate limiter options.</param>
    /// <param name="partitionKey">The resource (partition) of a request.</param>
    /// <param name="limiter">The shared limiter.</param>
    /// <returns>The same options.</returns>
    public static RateLimiterOptions UseStrataGlobalLimiter<TResource>(
        this RateLimiterOptions options, Func<HttpContext, TResource> partitionKey, PartitionedRateLimiter<TResource> limiter)
        where TResource : notnull
    {
        ArgumentNullException.ThrowIfNull(limiter);
        return options.UseStrataGlobalLimiter(
            partitionKey, resource => new PartitionViewRateLimiter<TResource>(limiter, resource, TimeProvider.System));
    }

    private static void Validate(StrataRateLimitResponseOptions response, string parameterName)
    {
        if (response.RejectionStatusCode is < 400 or > 599)
        {
            throw new ArgumentException(
                $"StrataRateLimitResponseOptions.RejectionStatusCode must be a 4xx or 5xx status code (was {response.RejectionStatusCode}).",
                parameterName);
        }

        if (response.WriteProblemDetails && string.IsNullOrWhiteSpace(response.ProblemType))
        {
            throw new ArgumentException("StrataRateLimitResponseOptions.ProblemType must not be empty.", parameterName);
        }

        if (response.WriteProblemDetails && string.IsNullOrWhiteSpace(response.ProblemTitle))
        {
            throw new ArgumentException("StrataRateLimitResponseOptions.ProblemTitle must not be empty.", parameterName);
        }
    }
}
