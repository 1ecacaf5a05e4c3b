using System.Text.Json;
using Microsoft.Extensions.Options;
using TravelDesk.Supplier.Activities;
using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Diagnostics;
using TravelDesk.Supplier.Faults;
using TravelDesk.Supplier.Flights;
using TravelDesk.Supplier.Hotels;
using TravelDesk.Supplier.Limits;
using TravelDesk.Supplier.Rates;
using TravelDesk.Supplier.Simulation;
using TravelDesk.Supplier.Stats;
using TravelDesk.Supplier.Weather;

namespace TravelDesk.Supplier.Http;

/// <summary>
/// The supplier's HTTP API. Bodies are written with <see cref="SupplierJson.Options"/> whatever the host's JSON
/// options, so the supplier answers the same embedded in another app as on its own.
/// </summary>
internal static class SupplierEndpoints
{
    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(string.Empty);
        group.MapGet("/flights/search", SearchFlights);
        group.MapGet("/hotels/search", SearchHotels);
        group.MapGet("/activities/search", SearchActivities);
        group.MapGet("/weather/{city}", GetWeather);
        group.MapGet("/rates/{from}/{to}", GetRate);
        group.MapGet("/airports", (HttpContext context, OperationPipeline pipeline) =>
            pipeline.RunAsync(SupplierOperation.Airports, context, null, static () => Json(SupplierCatalog.Airports)));
        group.MapGet("/airports/{code}", GetAirport);
        group.MapGet("/airlines", (HttpContext context, OperationPipeline pipeline) =>
            pipeline.RunAsync(SupplierOperation.Airlines, context, null, static () => Json(SupplierCatalog.Airlines)));
        group.MapGet("/cities", (HttpContext context, OperationPipeline pipeline) =>
            pipeline.RunAsync(SupplierOperation.Cities, context, null, static () => Json(SupplierCatalog.Cities)));
        group.MapGet("/stats", (SupplierCounters counters, SearchLimiter limiter, FaultInjector faults) => Json(Stats(counters, limiter, faults)));
        group.MapPost("/stats/reset", ResetStats);
        group.MapPost("/control", ControlAsync);
        return group;
    }

    private static Task<IResult> SearchFlights(HttpContext context, OperationPipeline pipeline, IOptions<SupplierOptions> options, TimeProvider time)
    {
        var reader = new QueryReader(context.Request.Query, time);
        var query = FlightQueryParser.Parse(reader);
        return pipeline.RunAsync(SupplierOperation.Flights, context, reader, () =>
            Json(new FlightSearchResponse(FlightSearch.Search(query!, options.Value.Seed, time), time.GetUtcNow())));
    }

    private static Task<IResult> SearchHotels(HttpContext context, OperationPipeline pipeline, IOptions<SupplierOptions> options, TimeProvider time)
    {
        var reader = new QueryReader(context.Request.Query, time);
        var query = HotelQueryParser.Parse(reader);
        return pipeline.RunAsync(SupplierOperation.Hotels, context, reader, () =>
            Json(new HotelSearchResponse(HotelSearch.Search(query!, options.Value.Seed, time), time.GetUtcNow())));
    }

    private static Task<IResult> SearchActivities(HttpContext context, OperationPipeline pipeline, IOptions<SupplierOptions> options, TimeProvider time)
    {
        var reader = new QueryReader(context.Request.Query, time);
        var query = ActivityQueryParser.Parse(reader);
        return pipeline.RunAsync(SupplierOperation.Activities, context, reader, () =>
            Json(new ActivitySearchResponse(ActivitySearch.Search(query!, options.Value.Seed), time.GetUtcNow())));
    }

    // Weather for any date (past ones included: it is a climate simulation); today in the city when none is given.
    private static Task<IResult> GetWeather(string city, HttpContext context, OperationPipeline pipeline, IOptions<SupplierOptions> options, TimeProvider time)
    {
        var reader = new QueryReader(context.Request.Query, time);
        var date = reader.Date("date", required: false);
        return pipeline.RunAsync(SupplierOperation.Weather, context, reader, () =>
        {
            if (!SupplierCatalog.TryGetCity(city, out var found))
            {
                return ProblemResults.NotFound("city", city);
            }

            var day = date ?? TimeZones.Today(time, SupplierCatalog.GetAirportsOfCity(found.Code)[0].TimeZone);
            return Json(WeatherForecaster.Forecast(found, day, options.Value.Seed));
        });
    }

    private static Task<IResult> GetRate(string from, string to, HttpContext context, OperationPipeline pipeline, IOptions<SupplierOptions> options, TimeProvider time) =>
        pipeline.RunAsync(SupplierOperation.Rates, context, null, () =>
            !SupplierCatalog.IsKnownCurrency(from) ? ProblemResults.NotFound("currency", from)
            : !SupplierCatalog.IsKnownCurrency(to) ? ProblemResults.NotFound("currency", to)
            : Json(ExchangeRates.Get(from.ToUpperInvariant(), to.ToUpperInvariant(), options.Value.Seed, time)));

    private static Task<IResult> GetAirport(string code, HttpContext context, OperationPipeline pipeline) =>
        pipeline.RunAsync(SupplierOperation.Airports, context, null, () =>
            SupplierCatalog.TryGetAirport(code, out var airport) ? Json(airport) : ProblemResults.NotFound("airport", code));

    private static IResult ResetStats(SupplierCounters counters, SearchLimiter limiter, FaultInjector faults, ILoggerFactory loggerFactory)
    {
        // Counters and the peak only: the limiter's window is the supplier's real state, and a reset must not buy capacity.
        counters.Reset();
        limiter.ResetPeak();
        SupplierLog.StatsReset(loggerFactory.CreateLogger(SupplierLog.Category));
        return Json(Stats(counters, limiter, faults));
    }

    private static async Task<IResult> ControlAsync(HttpContext context, FaultInjector faults, ILoggerFactory loggerFactory)
    {
        SupplierControl? control;
        try
        {
            control = await JsonSerializer.DeserializeAsync<SupplierControl>(context.Request.Body, SupplierJson.Options, context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            return ProblemResults.BadRequest(new Dictionary<string, string[]> { ["body"] = [$"The body must be a SupplierControl JSON object: {exception.Message}"] });
        }

        if (control is null)
        {
            return ProblemResults.BadRequest(new Dictionary<string, string[]> { ["body"] = ["The body must be a SupplierControl JSON object, was null."] });
        }

        if (control.ErrorRate is { } rate && !(rate is >= 0 and <= 1))
        {
            return ProblemResults.BadRequest(new Dictionary<string, string[]> { ["errorRate"] = [$"'errorRate' must be between 0 and 1, was {rate}."] });
        }

        var current = faults.Apply(control);
        SupplierLog.ControlChanged(loggerFactory.CreateLogger(SupplierLog.Category), current.ErrorRate, current.Outage);
        return Json(current);
    }

    private static SupplierStats Stats(SupplierCounters counters, SearchLimiter limiter, FaultInjector faults) =>
        new(counters.Snapshot(), limiter.SearchesPerMinute, limiter.MaxSearchesInAnyMinute, faults.Current);

    private static IResult Json<T>(T value) => Results.Json(value, SupplierJson.Options);
}
