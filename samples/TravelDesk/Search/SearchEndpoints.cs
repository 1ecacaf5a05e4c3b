using TravelDesk.Caching;
using TravelDesk.Supplier;
using TravelDesk.Supplier.Contracts;
using TravelDesk.Validation;

namespace TravelDesk.Search;

/// <summary>
/// TripSage's searches over the costly supplier. Each is cached in its own namespace under a canonical key with the
/// seeds' named policy (FLIGHT_SEARCH 10 min, shorter near departure; HOTEL_SEARCH 30 min; ACTIVITY_SEARCH 1 h), tagged
/// by route or city, protected by the per-key daily quota (<c>search-quota</c>), and sent through the outgoing limiter.
/// Invalid requests are answered 400 before any of that: never cached, never sent to the supplier.
/// </summary>
internal static class SearchEndpoints
{
    public const string QuotaPolicy = "search-quota";

    public static RouteGroupBuilder MapSearchEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Travel search");
        api.MapGet("/flights/search", (
                [AsParameters] FlightSearchRequest request, HttpContext http, TravelCache cache, SupplierClient supplier, TimeProvider time, CancellationToken ct) =>
                SearchAsync<FlightSearchQuery, FlightSearchResponse>(
                    request, http, cache, supplier, time, "flights", "FLIGHT_SEARCH", static (s, q, c) => s.SearchFlightsAsync(q, c), ct))
            .RequireRateLimiting(QuotaPolicy)
            .WithSummary("Flight offers for a route and dates (cached: FLIGHT_SEARCH).")
            .Produces<FlightSearchResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/hotels/search", (
                [AsParameters] HotelSearchRequest request, HttpContext http, TravelCache cache, SupplierClient supplier, TimeProvider time, CancellationToken ct) =>
                SearchAsync<HotelSearchQuery, HotelSearchResponse>(
                    request, http, cache, supplier, time, "hotels", "HOTEL_SEARCH", static (s, q, c) => s.SearchHotelsAsync(q, c), ct))
            .RequireRateLimiting(QuotaPolicy)
            .WithSummary("Hotel offers for a city and stay (cached: HOTEL_SEARCH).")
            .Produces<HotelSearchResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/activities/search", (
                [AsParameters] ActivitySearchRequest request, HttpContext http, TravelCache cache, SupplierClient supplier, TimeProvider time, CancellationToken ct) =>
                SearchAsync<ActivitySearchQuery, ActivitySearchResponse>(
                    request, http, cache, supplier, time, "activities", "ACTIVITY_SEARCH", static (s, q, c) => s.SearchActivitiesAsync(q, c), ct))
            .RequireRateLimiting(QuotaPolicy)
            .WithSummary("Activities in a city on a date (cached: ACTIVITY_SEARCH).")
            .Produces<ActivitySearchResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> SearchAsync<TQuery, TResponse>(
        ISearchRequest<TQuery> request,
        HttpContext http,
        TravelCache cache,
        SupplierClient supplier,
        TimeProvider time,
        string space,
        string policy,
        Func<SupplierClient, TQuery, CancellationToken, Task<TResponse>> send,
        CancellationToken cancellationToken)
        where TQuery : class, ISearchQuery
    {
        var errors = new FieldErrors();
        var refresh = errors.Boolean("skipCache", request.SkipCache);
        if (request.Validate(time, errors) is not { } query || errors.Any)
        {
            return errors.ToProblem();
        }

        return await SupplierProblems.AnswerAsync(http, time, () => cache.GetOrCreateAsync(
            space, query.CacheKey, new SupplierCall<TQuery, TResponse>(supplier, query, send),
            static (call, ct) => call.SendAsync(ct),
            policy, query.Tags, refresh, cancellationToken)).ConfigureAwait(false);
    }
}
