using Microsoft.AspNetCore.Http;

namespace Strata.RateLimiting.AspNetCore;

/// <summary>
/// How <see cref="StrataRateLimiterOptionsExtensions.UseStrataRejection(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions, Action{StrataRateLimitResponseOptions})"/>
/// answers a rejected request.
/// </summary>
public sealed class StrataRateLimitResponseOptions
{
    /// <summary>The problem type of draft-ietf-httpapi-ratelimit-headers-11 section 5.1.</summary>
    public const string QuotaExceededProblemType = "https://iana.org/assignments/http-problem-types#quota-exceeded";

    /// <summary>
    /// The status code of a rejected request. Default <see cref="StatusCodes.Status429TooManyRequests"/> (ASP.NET Core's
    /// own default is 503, which tells clients and proxies the server is broken rather than that they are too fast).
    /// Must be a 4xx or 5xx code.
    /// </summary>
    public int RejectionStatusCode { get; set; } = StatusCodes.Status429TooManyRequests;

    /// <summary>
    /// Whether to write <c>Retry-After</c> (delta-seconds, rounded up) from the lease's
    /// <see cref="System.Threading.RateLimiting.MetadataName.RetryAfter"/>. Default <see langword="true"/>.
    /// </summary>
    public bool WriteRetryAfter { get; set; } = true;

    /// <summary>
    /// Whether to write the <c>RateLimit-Policy</c> and <c>RateLimit</c> fields from the lease's
    /// <see cref="StrataMetadataNames.Quota"/> (leases without it get none). Default <see langword="true"/>.
    /// </summary>
    public bool WriteRateLimitFields { get; set; } = true;

    /// <summary>
    /// Whether to write an <c>application/problem+json</c> body (RFC 9457) when nothing else has started the response.
    /// Default <see langword="true"/>.
    /// </summary>
    public bool WriteProblemDetails { get; set; } = true;

    /// <summary>The problem <c>type</c>. Default <see cref="QuotaExceededProblemType"/>. Must not be empty.</summary>
    public string ProblemType { get; set; } = QuotaExceededProblemType;

    /// <summary>The problem <c>title</c>. Default <c>"Quota exceeded"</c>. Must not be empty.</summary>
    public string ProblemTitle { get; set; } = "Quota exceeded";
}
