using Microsoft.Extensions.Options;
using Strata.RateLimiting.AspNetCore;
using TravelDesk.Configuration;
using TravelDesk.RateLimiting;

namespace TravelDesk.Quotas;

/// <summary>
/// Kessan's quota tracking: every search counts against the caller's daily quota (<c>X-Api-Key</c>, else the client
/// address), cached or not, since the quota meters use of this API. Past it: 429 with <c>Retry-After</c> until the
/// quota's midnight and the <c>RateLimit</c> fields. <c>GET /api/quota</c> shows the caller's usage and is free.
/// </summary>
internal static class QuotaEndpoints
{
    public static readonly Func<HttpContext, string> Partition = HttpPartitionKeys.ApiKey();

    public static RouteHandlerBuilder MapQuotaEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/quota", GetUsageAsync).WithTags("Quota")
            .WithSummary("The caller's search quota today (send X-Api-Key).")
            .Produces<QuotaUsage>();

    private static async Task<IResult> GetUsageAsync(
        HttpContext http, TravelDeskLimiters limiters, IOptions<TravelDeskOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var partition = Partition(http);
        var usage = await limiters.SearchQuota.GetUsageAsync(partition, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new QuotaUsage(
            partition, usage.Limit, usage.Limit - usage.Remaining, usage.Remaining, time.GetUtcNow() + usage.ResetAfter, options.Value.Quota.TimeZone));
    }
}
