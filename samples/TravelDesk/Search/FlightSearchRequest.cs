using Microsoft.AspNetCore.Mvc;
using TravelDesk.Supplier;
using TravelDesk.Supplier.Contracts;
using TravelDesk.Validation;

namespace TravelDesk.Search;

/// <summary>
/// The query string of <c>GET /api/flights/search</c> as sent. Everything is text so a malformed value becomes a 400
/// naming the field (from <see cref="Validate"/>) rather than a binding failure.
/// </summary>
internal sealed class FlightSearchRequest : ISearchRequest<FlightSearchQuery>
{
    /// <summary>IATA airport code, e.g. LAX (any case).</summary>
    [FromQuery(Name = "origin")] public string? Origin { get; init; }

    /// <summary>IATA airport code, e.g. JFK.</summary>
    [FromQuery(Name = "destination")] public string? Destination { get; init; }

    /// <summary>yyyy-MM-dd, today or later, within a year.</summary>
    [FromQuery(Name = "departure")] public string? Departure { get; init; }

    /// <summary>yyyy-MM-dd, on or after departure; absent for one way.</summary>
    [FromQuery(Name = "return")] public string? Return { get; init; }

    /// <summary>1–9, default 1.</summary>
    [FromQuery(Name = "adults")] public string? Adults { get; init; }

    /// <summary>0–8, default 0.</summary>
    [FromQuery(Name = "children")] public string? Children { get; init; }

    /// <summary>0 to the number of adults, default 0.</summary>
    [FromQuery(Name = "infants")] public string? Infants { get; init; }

    /// <summary>economy (default), premiumEconomy, business or first.</summary>
    [FromQuery(Name = "cabin")] public string? Cabin { get; init; }

    /// <summary>0–2; absent for any.</summary>
    [FromQuery(Name = "maxConnections")] public string? MaxConnections { get; init; }

    /// <summary>Comma-separated airline codes, e.g. AA,DL; absent for any.</summary>
    [FromQuery(Name = "airlines")] public string? Airlines { get; init; }

    /// <summary>true: ask the supplier now and refresh the cached entry (X-Cache: BYPASS).</summary>
    [FromQuery(Name = "skipCache")] public string? SkipCache { get; init; }

    public FlightSearchQuery? Validate(TimeProvider time, FieldErrors errors)
    {
        var origin = Airport(errors, "origin", Origin);
        var destination = Airport(errors, "destination", Destination);
        if (origin is not null && origin == destination)
        {
            errors.Add("destination", "'destination' must differ from 'origin'.");
        }

        var today = SearchDates.TodayAt(time, origin);
        var departure = errors.Date("departure", Departure, required: true);
        var back = errors.Date("return", Return, required: false);
        SearchDates.CheckTravelDate(errors, "departure", departure, today);
        if (departure is { } leave && back is { } home && home < leave)
        {
            errors.Add("return", $"'return' ({home:yyyy-MM-dd}) is before 'departure' ({leave:yyyy-MM-dd}).");
        }

        var adults = errors.Integer("adults", Adults, 1, 1, 9);
        var children = errors.Integer("children", Children, 0, 0, 8);
        var infants = errors.Integer("infants", Infants, 0, 0, 9);
        if (adults is { } a && children is { } c && a + c > 9)
        {
            errors.Add("children", $"At most 9 seated passengers per search; adults + children was {a + c}.");
        }

        if (adults is { } grownUps && infants is { } babies && babies > grownUps)
        {
            errors.Add("infants", $"Each infant travels on an adult's lap: 'infants' ({babies}) must not exceed 'adults' ({grownUps}).");
        }

        var cabin = CabinFrom(errors, Cabin);
        var maxConnections = errors.Integer("maxConnections", MaxConnections, null, 0, 2);
        var airlines = FieldErrors.CodeList(Airlines);
        foreach (var code in airlines)
        {
            if (!SupplierCatalog.TryGetAirline(code, out _))
            {
                errors.Add("airlines", $"Unknown airline code '{code}'.");
            }
        }

        if (errors.Any)
        {
            return null;
        }

        return new FlightSearchQuery(origin!, destination!, departure!.Value, back, adults!.Value, children!.Value, infants!.Value,
            cabin!.Value, maxConnections, airlines);
    }

    private static string? Airport(FieldErrors errors, string field, string? value)
    {
        var code = errors.Required(field, value)?.ToUpperInvariant();
        if (code is not null && !SupplierCatalog.TryGetAirport(code, out _))
        {
            errors.Add(field, $"Unknown airport code '{value}' (GET /api/airports/{{code}} looks one up).");
            return null;
        }

        return code;
    }

    private static CabinClass? CabinFrom(FieldErrors errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return CabinClass.Economy;
        }

        var normalized = value.Trim().Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (Enum.TryParse<CabinClass>(normalized, ignoreCase: true, out var cabin) && Enum.IsDefined(cabin) && !int.TryParse(normalized, out _))
        {
            return cabin;
        }

        errors.Add("cabin", $"'cabin' must be economy, premiumEconomy, business or first, was '{value}'.");
        return null;
    }
}
