using System.Globalization;

namespace Strata.RateLimiting.AspNetCore;

/// <summary>
/// Thrown by an <see cref="System.Net.Http.HttpClient"/> throttled with
/// <see cref="StrataHttpClientBuilderExtensions.AddStrataRateLimit"/> when no permit for the request's partition can be
/// had within <see cref="HttpClientRateLimitOptions.MaxWait"/>, so the request was never sent.
/// </summary>
/// <remarks>
/// It deliberately does not derive from <see cref="HttpRequestException"/>: nothing went over the wire, and generic
/// transport-retry policies should not immediately retry what the limiter just refused.
/// </remarks>
public sealed class RateLimitExceededException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public RateLimitExceededException()
        : base("No rate-limit permit could be obtained.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public RateLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and an inner exception.</summary>
    public RateLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a partition that stays unavailable beyond <paramref name="maxWait"/>.</summary>
    /// <param name="partitionKey">The partition (by default the upstream's host and port).</param>
    /// <param name="maxWait">The configured maximum wait.</param>
    /// <param name="retryAfter">When the partition is expected to be available again, when known.</param>
    /// <param name="reason">Why: a local limiter refused, or the upstream asked to hold off.</param>
    public RateLimitExceededException(string partitionKey, TimeSpan maxWait, TimeSpan? retryAfter, RateLimitExceededReason reason)
        : base(BuildMessage(partitionKey, maxWait, retryAfter, reason))
    {
        PartitionKey = partitionKey;
        MaxWait = maxWait;
        RetryAfter = retryAfter;
        Reason = reason;
    }

    /// <summary>The partition that had no permit.</summary>
    public string? PartitionKey { get; }

    /// <summary>The maximum wait that was exceeded.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>How long until the partition is expected to be available, when known.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Why no permit was obtained.</summary>
    public RateLimitExceededReason Reason { get; }

    private static string BuildMessage(string partitionKey, TimeSpan maxWait, TimeSpan? retryAfter, RateLimitExceededReason reason)
    {
        var why = reason switch
        {
            RateLimitExceededReason.UpstreamHold => "the upstream asked to hold off",
            RateLimitExceededReason.WaitTimedOut => "the limiter's queue did not grant one in time",
            _ => "the local rate limiter refused",
        };
        var when = retryAfter is { } after
            ? string.Create(CultureInfo.InvariantCulture, $"; next permit expected in {after.TotalSeconds:0.###} s")
            : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"No rate-limit permit for partition '{partitionKey}' within the maximum wait of {maxWait.TotalSeconds:0.###} s ({why}{when}). The request was not sent.");
    }
}
