using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Strata.RateLimiting.AspNetCore.Incoming;

/// <summary>The <see cref="RateLimiterOptions.OnRejected"/> installed by <c>UseStrataRejection</c>.</summary>
internal sealed class StrataRejectionHandler(
    StrataRateLimitResponseOptions options, Func<OnRejectedContext, CancellationToken, ValueTask>? previous)
{
    /// <summary>The handler that was set before this one, run after the status and headers are written.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? Previous => previous;

    public async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var lease = context.Lease;
        TimeSpan? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;
        RateLimitQuota? quota = lease.TryGetMetadata(StrataMetadataNames.Quota, out var q) ? q : null;

        if (!response.HasStarted)
        {
            response.StatusCode = options.RejectionStatusCode;
            if (options.WriteRetryAfter && retryAfter is { } wait)
            {
                response.Headers.RetryAfter = RateLimitFields.DeltaSeconds(wait).ToString(CultureInfo.InvariantCulture);
            }

            if (options.WriteRateLimitFields && quota is { } rejected)
            {
                // t is the time the client must wait: equal to Retry-After, which the draft says must not point
                // earlier than the end of the effective window.
                RateLimitFields.Append(response.Headers, rejected, retryAfter ?? rejected.ResetAfter);
            }
        }

        if (previous is not null)
        {
            await previous(context, cancellationToken).ConfigureAwait(false);
        }

        // A previous handler that wrote its own body has started the response; ours is then left out.
        if (options.WriteProblemDetails && !response.HasStarted)
        {
            await ProblemDetailsBody.WriteAsync(context.HttpContext, options, quota?.Policy, retryAfter, cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
