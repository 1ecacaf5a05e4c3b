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
        api.MapGet("/flights/search", SearchFlightsAsync).RequireRateLimiting(QuotaPolicy)
            .WithSummary("Flight offers for a route and dates (cached: FLIGHT_SEARCH).")
            .Produces<FlightSearchResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/hotels/search", SearchHotelsAsync).RequireRateLimiting(QuotaPolicy)
            .WithSummary("Hotel offers for a city and stay (cached: HOTEL_SEARCH).")
            .Produces<HotelSearchResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/activities/search", SearchActivitiesAsync).RequireRateLimiting(QuotaPolicy)
            .WithSummary("Activities in a city on a date (cached: ACTIVITY_SEARCH).")
            .Produces<ActivitySearchResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> SearchFlightsAsync(
        [AsParameters] FlightSearchRequest request, HttpContext http, TravelCache cache, SupplierClient supplier, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var refresh = errors.Boolean("skipCache", request.SkipCache);
        if (request.Validate(time, errors) is not { } query || errors.Any)
        {
            return errors.ToProblem();
        }

        return await SupplierProblems.AnswerAsync(http, time, () => cache.GetOrCreateAsync(
            "flights", query.CacheKey, new SupplierCall<FlightSearchQuery>(supplier, query),
            static (call, ct) => new ValueTask<FlightSearchResponse>(call.Supplier.SearchFlightsAsync(call.Query, ct)),
            "FLIGHT_SEARCH", [query.RouteTag], refresh, cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<IResult> SearchHotelsAsync(
        [AsParameters] HotelSearchRequest request, HttpContext http, TravelCache cache, SupplierClient supplier, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var refresh = errors.Boolean("skipCache", request.SkipCache);
        if (request.Validate(time, errors) is not { } query || errors.Any)
        {
            return errors.ToProblem();
        }

        return await SupplierProblems.AnswerAsync(http, time, () => cache.GetOrCreateAsync(
            "hotels", query.CacheKey, new SupplierCall<HotelSearchQuery>(supplier, query),
            static (call, ct) => new ValueTask<HotelSearchResponse>(call.Supplier.SearchHotelsAsync(call.Query, ct)),
            "HOTEL_SEARCH", [query.CityTag], refresh, cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<IResult> SearchActivitiesAsync(
        [AsParameters] ActivitySearchRequest request, HttpContext http, TravelCache cache, SupplierClient supplier, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var refresh = errors.Boolean("skipCache", request.SkipCache);
        if (request.Validate(time, errors) is not { } query || errors.Any)
        {
            return errors.ToProblem();
        }

        return await SupplierProblems.AnswerAsync(http, time, () => cache.GetOrCreateAsync(
            "activities", query.CacheKey, new SupplierCall<ActivitySearchQuery>(supplier, query),
            static (call, ct) => new ValueTask<ActivitySearchResponse>(call.Supplier.SearchActivitiesAsync(call.Query, ct)),
            "ACTIVITY_SEARCH", [$"city:{query.City}"], refresh, cancellationToken)).ConfigureAwait(false);
    }
}
