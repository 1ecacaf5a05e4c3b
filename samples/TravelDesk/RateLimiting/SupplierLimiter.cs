using System.Threading.RateLimiting;

namespace TravelDesk.RateLimiting;

/// <summary>
/// What the outgoing handler asks before each supplier call: searches (the calls the supplier limits and bills) take a
/// permit from <see cref="TravelDeskLimiters.SupplierSearches"/>; lookups go straight through.
/// </summary>
internal static class SupplierLimiter
{
    public static PartitionedRateLimiter<HttpRequestMessage> Create(TravelDeskLimiters limiters) =>
        PartitionedRateLimiter.Create<HttpRequestMessage, string>(request =>
            IsSearch(request)
                ? RateLimitPartition.Get(TravelDeskLimiters.SupplierPartition, key => limiters.SupplierSearches.GetPartitionLimiter(key))
                : RateLimitPartition.GetNoLimiter("lookup"));

    public static bool IsSearch(HttpRequestMessage request) =>
        request.RequestUri?.AbsolutePath.EndsWith("/search", StringComparison.Ordinal) == true;
}
