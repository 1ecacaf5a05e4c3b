using System.Collections.Frozen;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier;

/// <summary>
/// The airlines of the catalogue and their hub airports. Hubs are what make offers plausible: an airline flies
/// non-stop from or to its hubs, and connects through them. Every airport of the catalogue is some airline's hub, so
/// every route has at least one carrier. Alliances drive two-stop itineraries (a partner's hub for the second stop).
/// </summary>
internal static class AirlineData
{
    private const string Oneworld = "oneworld";
    private const string SkyTeam = "SkyTeam";
    private const string StarAlliance = "Star Alliance";

    private static readonly (Airline Airline, string[] Hubs)[] Entries =
    [
        (new("AA", "American Airlines", Oneworld), ["DFW", "ORD", "MIA", "JFK", "LAX"]),
        (new("AC", "Air Canada", StarAlliance), ["YYZ", "YVR"]),
        (new("AF", "Air France", SkyTeam), ["CDG"]),
        (new("AI", "Air India", StarAlliance), ["DEL", "BOM"]),
        (new("AM", "Aeromexico", SkyTeam), ["MEX"]),
        (new("AZ", "ITA Airways", SkyTeam), ["FCO"]),
        (new("BA", "British Airways", Oneworld), ["LHR"]),
        (new("CX", "Cathay Pacific", Oneworld), ["HKG"]),
        (new("DL", "Delta Air Lines", SkyTeam), ["ATL", "JFK", "LAX", "SEA", "BOS"]),
        (new("EK", "Emirates", null), ["DXB"]),
        (new("IB", "Iberia", Oneworld), ["MAD", "BCN"]),
        (new("JL", "Japan Airlines", Oneworld), ["HND", "NRT"]),
        (new("KE", "Korean Air", SkyTeam), ["ICN"]),
        (new("KL", "KLM Royal Dutch Airlines", SkyTeam), ["AMS"]),
        (new("LA", "LATAM Airlines", null), ["GRU", "EZE"]),
        (new("LH", "Lufthansa", StarAlliance), ["FRA", "MUC"]),
        (new("LX", "Swiss International Air Lines", StarAlliance), ["ZRH"]),
        (new("NH", "All Nippon Airways", StarAlliance), ["HND", "NRT"]),
        (new("QF", "Qantas", Oneworld), ["SYD", "MEL"]),
        (new("QR", "Qatar Airways", Oneworld), ["DOH"]),
        (new("SA", "South African Airways", StarAlliance), ["JNB", "CPT"]),
        (new("SQ", "Singapore Airlines", StarAlliance), ["SIN"]),
        (new("TG", "Thai Airways", StarAlliance), ["BKK"]),
        (new("TK", "Turkish Airlines", StarAlliance), ["IST"]),
        (new("TP", "TAP Air Portugal", StarAlliance), ["LIS"]),
        (new("UA", "United Airlines", StarAlliance), ["ORD", "SFO", "DEN"]),
    ];

    public static readonly Airline[] All = Entries.Select(e => e.Airline).ToArray();

    public static readonly FrozenDictionary<string, IReadOnlyList<string>> Hubs =
        Entries.ToFrozenDictionary(e => e.Airline.Code, e => (IReadOnlyList<string>)e.Hubs.AsReadOnly(), StringComparer.OrdinalIgnoreCase);
}
