using System.Threading.RateLimiting;

namespace Strata.RateLimiting.AspNetCore;

/// <summary>
/// Options of the outgoing throttle added by <see cref="StrataHttpClientBuilderExtensions.AddStrataRateLimit"/>, one set
/// per named <see cref="HttpClient"/>. Set at most one of <see cref="Limiter"/>, <see cref="PartitionedLimiter"/> and
/// <see cref="LimiterFactory"/>; with none, the handler only obeys the upstream's own 429/503 holds.
/// </summary>
/// <remarks>
/// The options are read once, when the client's first handler is built. Strata never disposes the limiter you give it:
/// register it in the container (or dispose it yourself) so its timers stop with the application.
/// </remarks>
public sealed class HttpClientRateLimitOptions
{
    /// <summary>Upper bound for <see cref="MaxWait"/> and <see cref="MaxUpstreamHold"/>: one day.</summary>
    public static readonly TimeSpan MaxSupportedDuration = TimeSpan.FromDays(1);

    /// <summary>One limiter shared by every request of the client, whatever its partition. Default <see langword="null"/>.</summary>
    public RateLimiter? Limiter { get; set; }

    /// <summary>A limiter that partitions requests itself (for example by host or by API operation). Default <see langword="null"/>.</summary>
    public PartitionedRateLimiter<HttpRequestMessage>? PartitionedLimiter { get; set; }

    /// <summary>
    /// Builds the limiter from the container once per client, for limiters that need services (a Redis connection,
    /// options). Default <see langword="null"/>.
    /// </summary>
    public Func<IServiceProvider, PartitionedRateLimiter<HttpRequestMessage>>? LimiterFactory { get; set; }

    /// <summary>
    /// The partition a request belongs to for upstream holds and in <see cref="RateLimitExceededException"/>.
    /// Default: the request URI's authority (host, plus the port when it is not the scheme's default).
    /// </summary>
    public Func<HttpRequestMessage, string> PartitionKeySelector { get; set; } = DefaultPartitionKey;

    /// <summary>
    /// How long a request may wait, in total, for upstream holds and limiter permits before
    /// <see cref="RateLimitExceededException"/> is thrown. When a known wait (a hold or a lease's retry-after) already
    /// exceeds what is left, the exception is thrown at once instead of waiting in vain.
    /// Default 30 seconds; <see cref="TimeSpan.Zero"/> never waits; at most <see cref="MaxSupportedDuration"/>. A
    /// Redis-backed limiter is still asked for its decision (a round trip, bounded by its own operation timeout) when no
    /// time is left; give it <c>QueueLimit = 0</c> so that the decision never waits in its local queue.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest hold an upstream may impose on a partition with <c>Retry-After</c>, <c>RateLimit</c> or
    /// <c>X-RateLimit-Reset</c>; longer requests are capped to it, so a misconfigured or hostile upstream cannot stall
    /// the client for hours. Default 5 minutes; <see cref="TimeSpan.Zero"/> ignores upstream hints entirely;
    /// at most <see cref="MaxSupportedDuration"/>.
    /// </summary>
    public TimeSpan MaxUpstreamHold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The clock for waits and holds. Default <see langword="null"/>: the container's <see cref="System.TimeProvider"/>
    /// when registered, else <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>The default <see cref="PartitionKeySelector"/>: the request URI's authority, or <c>(none)</c>.</summary>
    /// <param name="request">The outgoing request.</param>
    public static string DefaultPartitionKey(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.RequestUri is { IsAbsoluteUri: true } uri ? uri.Authority : "(none)";
    }
}
