using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Strata.RateLimiting.AspNetCore.Incoming;

/// <summary>
/// Writes the RFC 9457 body of a rejection with <see cref="Utf8JsonWriter"/>: no reflection-based serialisation
/// (trimming-safe) and no dependency on the application having called <c>AddProblemDetails</c>.
/// </summary>
internal static class ProblemDetailsBody
{
    public const string ContentType = "application/problem+json";

    public static async ValueTask WriteAsync(
        HttpContext context, StrataRateLimitResponseOptions options, string? violatedPolicy, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = ContentType;
        using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("type", options.ProblemType);
            json.WriteString("title", options.ProblemTitle);
            json.WriteNumber("status", response.StatusCode);
            json.WriteString("detail", retryAfter is { } after
                ? $"Too many requests. Retry after {RateLimitFields.DeltaSeconds(after)} second(s)."
                : "Too many requests. Retry later.");
            if (violatedPolicy is not null)
            {
                // The extension member draft-ietf-httpapi-ratelimit-headers-11 section 5.1 defines for this problem type.
                json.WriteStartArray("violated-policies");
                json.WriteStringValue(violatedPolicy);
                json.WriteEndArray();
            }

            json.WriteString("traceId", Activity.Current?.Id ?? context.TraceIdentifier);
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
