using System.Collections.ObjectModel;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier;

/// <summary>
/// The supplier's reference data: airports, the cities they serve, airlines and currencies. Static and identical in
/// every process, so TravelDesk validates codes against the same lists the supplier answers from, without a call.
/// Codes are IATA (airports, airlines, cities) and ISO 4217 (currencies); lookups ignore case. Countries are
/// ISO 3166-1 alpha-2 codes.
/// </summary>
public static class SupplierCatalog
{
    private static readonly FrozenDictionary<string, Airport> AirportsByCode =
        AirportData.All.ToFrozenDictionary(a => a.Code, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, City> CitiesByCode =
        CityData.All.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, Airline> AirlinesByCode =
        AirlineData.All.ToFrozenDictionary(a => a.Code, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, CurrencyInfo> CurrenciesByCode =
        CurrencyData.All.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, ReadOnlyCollection<Airport>> AirportsByCity = AirportData.All
        .GroupBy(a => a.CityCode, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => g.ToArray().AsReadOnly(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every airport, ordered by code.</summary>
    public static IReadOnlyList<Airport> Airports { get; } = AirportData.All.OrderBy(a => a.Code, StringComparer.Ordinal).ToArray().AsReadOnly();

    /// <summary>Every city served by an airport of the catalogue, ordered by code.</summary>
    public static IReadOnlyList<City> Cities { get; } = CityData.All.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray().AsReadOnly();

    /// <summary>Every airline, ordered by code.</summary>
    public static IReadOnlyList<Airline> Airlines { get; } = AirlineData.All.OrderBy(a => a.Code, StringComparer.Ordinal).ToArray().AsReadOnly();

    /// <summary>The ISO 4217 codes of the currencies of the catalogue's cities (upper case, ordered); <c>/rates</c> knows them all.</summary>
    public static IReadOnlyList<string> Currencies { get; } = CurrencyData.All.Select(c => c.Code).Order(StringComparer.Ordinal).ToArray().AsReadOnly();

    /// <summary>Finds an airport by IATA code, ignoring case.</summary>
    public static bool TryGetAirport(string? code, [NotNullWhen(true)] out Airport? airport)
    {
        airport = null;
        return code is not null && AirportsByCode.TryGetValue(code, out airport);
    }

    /// <summary>Finds a city by IATA city code (<c>NYC</c>, <c>LON</c>, <c>PAR</c>, <c>TYO</c>...), ignoring case.</summary>
    public static bool TryGetCity(string? code, [NotNullWhen(true)] out City? city)
    {
        city = null;
        return code is not null && CitiesByCode.TryGetValue(code, out city);
    }

    /// <summary>Finds an airline by IATA code, ignoring case.</summary>
    public static bool TryGetAirline(string? code, [NotNullWhen(true)] out Airline? airline)
    {
        airline = null;
        return code is not null && AirlinesByCode.TryGetValue(code, out airline);
    }

    /// <summary>Whether <paramref name="code"/> is one of <see cref="Currencies"/>, ignoring case.</summary>
    public static bool IsKnownCurrency(string? code) => code is not null && CurrenciesByCode.ContainsKey(code);

    /// <summary>The airports serving a city (one for most, two for Tokyo); empty for an unknown city.</summary>
    public static IReadOnlyList<Airport> GetAirportsOfCity(string? code) =>
        code is not null && AirportsByCity.TryGetValue(code, out var airports) ? airports : [];

    internal static CurrencyInfo GetCurrency(string code) => CurrenciesByCode[code];

    internal static CityProfile GetProfile(string cityCode) => CityData.Profiles[cityCode];

    internal static IReadOnlyList<string> GetHubs(string airlineCode) =>
        AirlineData.Hubs.TryGetValue(airlineCode, out var hubs) ? hubs : [];
}
