using TravelDesk.Caching;
using TravelDesk.Supplier;
using TravelDesk.Supplier.Contracts;
using TravelDesk.Validation;

namespace TravelDesk.Search;

/// <summary>
/// Cheap supplier lookups with long policies (WEATHER 1 h, EXCHANGE_RATE 1 h, AIRPORT 24 h). Codes are checked against
/// the catalogue first, so a typo is a 400/404 here and never a supplier call.
/// </summary>
internal static class LookupEndpoints
{
    public const int WeatherDaysAhead = 14;

    public static RouteGroupBuilder MapLookupEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Travel lookups");
        api.MapGet("/weather/{city}", GetWeatherAsync).WithSummary("The forecast for a city on a date (cached: WEATHER).")
            .Produces<WeatherReport>().ProducesValidationProblem();
        api.MapGet("/rates/{from}/{to}", GetRateAsync).WithSummary("An exchange rate (cached: EXCHANGE_RATE).")
            .Produces<ExchangeRate>().ProducesValidationProblem();
        api.MapGet("/airports/{code}", GetAirportAsync).WithSummary("An airport by IATA code (cached: AIRPORT).")
            .Produces<Airport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetWeatherAsync(
        string city, string? date, HttpContext http, TravelCache cache, SupplierClient supplier, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var code = SearchCodes.City(errors, "city", city);
        var today = SearchDates.TodayAt(time, code);
        var day = errors.Date("date", date, required: false) ?? today;
        if (day < today || day > today.AddDays(WeatherDaysAhead))
        {
            errors.Add("date", $"'date' must be between today ({today:yyyy-MM-dd}) and {WeatherDaysAhead} days ahead, was {day:yyyy-MM-dd}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await SupplierProblems.AnswerAsync(http, time, () => cache.GetOrCreateAsync(
            "weather", $"{code}:{day:yyyy-MM-dd}", (supplier, code: code!, day),
            static async (state, ct) => await state.supplier.GetWeatherAsync(state.code, state.day, ct).ConfigureAwait(false)
                ?? throw new SupplierUnavailableException("weather", 404, null, $"The supplier has no weather for {state.code}."),
            "WEATHER", [$"city:{code}"], refresh: false, cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<IResult> GetRateAsync(
        string from, string to, HttpContext http, TravelCache cache, SupplierClient supplier, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var source = SearchCodes.Currency(errors, "from", from);
        var target = SearchCodes.Currency(errors, "to", to);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await SupplierProblems.AnswerAsync(http, time, () => cache.GetOrCreateAsync(
            "rates", $"{source}-{target}", (supplier, source: source!, target: target!),
            static async (state, ct) => await state.supplier.GetExchangeRateAsync(state.source, state.target, ct).ConfigureAwait(false)
                ?? throw new SupplierUnavailableException("rates", 404, null, $"The supplier has no rate {state.source}/{state.target}."),
            "EXCHANGE_RATE", [], refresh: false, cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<IResult> GetAirportAsync(
        string code, HttpContext http, TravelCache cache, SupplierClient supplier, TimeProvider time, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        if (normalized.Length != 3 || !normalized.All(char.IsAsciiLetterUpper))
        {
            var errors = new FieldErrors();
            errors.Add("code", $"'code' must be a 3-letter IATA airport code, was '{code}'.");
            return errors.ToProblem();
        }

        if (!SupplierCatalog.TryGetAirport(normalized, out _))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No airport has the code '{normalized}'.");
        }

        return await SupplierProblems.AnswerAsync(http, time, () => CachedAirportAsync(cache, supplier, normalized, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>An airport through the AIRPORT policy (also used by the start-up warmer).</summary>
    internal static ValueTask<CachedAnswer<Airport>> CachedAirportAsync(TravelCache cache, SupplierClient supplier, string code, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(
            "airports", code, (supplier, code),
            static async (state, ct) => await state.supplier.GetAirportAsync(state.code, ct).ConfigureAwait(false)
                ?? throw new SupplierUnavailableException("airports", 404, null, $"The supplier does not know airport {state.code}."),
            "AIRPORT", [], refresh: false, cancellationToken);
}
