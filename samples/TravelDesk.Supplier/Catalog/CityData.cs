using System.Collections.Frozen;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier;

/// <summary>
/// The cities served by the catalogue's airports (IATA city codes: NYC for JFK, LON for LHR, TYO for HND and NRT),
/// with their city-centre coordinates, currency and simulation profile. The climate figures are rounded real
/// climate normals; the cost factors are rough hotel-price indices.
/// </summary>
internal static class CityData
{
    private static readonly (City City, CityProfile Profile)[] Entries =
    [
        (new("ATL", "Atlanta", "US", "USD", 33.7490, -84.3880), new(1.0, 17.0, 10.0, 35, 0)),
        (new("BOS", "Boston", "US", "USD", 42.3601, -71.0589), new(1.5, 11.0, 12.5, 35, 0)),
        (new("CHI", "Chicago", "US", "USD", 41.8781, -87.6298), new(1.2, 10.0, 14.0, 35, 0)),
        (new("DEN", "Denver", "US", "USD", 39.7392, -104.9903), new(1.1, 10.5, 11.5, 25, 0)),
        (new("DFW", "Dallas", "US", "USD", 32.7767, -96.7970), new(1.0, 19.0, 11.0, 27, 0)),
        (new("LAX", "Los Angeles", "US", "USD", 34.0522, -118.2437), new(1.3, 18.5, 4.0, 10, -1)),
        (new("MIA", "Miami", "US", "USD", 25.7617, -80.1918), new(1.3, 25.0, 4.0, 40, 1)),
        (new("NYC", "New York", "US", "USD", 40.7128, -74.0060), new(1.7, 13.0, 12.0, 35, 0)),
        (new("SEA", "Seattle", "US", "USD", 47.6062, -122.3321), new(1.3, 11.5, 7.5, 45, -1)),
        (new("SFO", "San Francisco", "US", "USD", 37.7749, -122.4194), new(1.6, 14.5, 3.0, 20, -1)),
        (new("YTO", "Toronto", "CA", "CAD", 43.6532, -79.3832), new(1.1, 9.0, 13.5, 38, 0)),
        (new("YVR", "Vancouver", "CA", "CAD", 49.2827, -123.1207), new(1.15, 10.5, 7.5, 50, -1)),
        (new("MEX", "Mexico City", "MX", "MXN", 19.4326, -99.1332), new(0.6, 16.5, 2.5, 35, 1)),
        (new("BUE", "Buenos Aires", "AR", "ARS", -34.6037, -58.3816), new(0.5, 18.0, 7.0, 30, 0)),
        (new("SAO", "Sao Paulo", "BR", "BRL", -23.5505, -46.6333), new(0.6, 19.5, 3.5, 40, 1)),
        (new("AMS", "Amsterdam", "NL", "EUR", 52.3676, 4.9041), new(1.4, 10.5, 7.0, 50, 0)),
        (new("BCN", "Barcelona", "ES", "EUR", 41.3874, 2.1686), new(1.15, 16.0, 7.5, 20, -1)),
        (new("FRA", "Frankfurt", "DE", "EUR", 50.1109, 8.6821), new(1.1, 10.5, 9.0, 40, 0)),
        (new("IST", "Istanbul", "TR", "TRY", 41.0082, 28.9784), new(0.6, 14.5, 9.5, 35, -1)),
        (new("LIS", "Lisbon", "PT", "EUR", 38.7223, -9.1393), new(0.9, 17.5, 6.0, 25, -1)),
        (new("LON", "London", "GB", "GBP", 51.5074, -0.1278), new(1.6, 11.5, 7.0, 45, 0)),
        (new("MAD", "Madrid", "ES", "EUR", 40.4168, -3.7038), new(1.0, 15.0, 10.0, 18, -1)),
        (new("MUC", "Munich", "DE", "EUR", 48.1351, 11.5820), new(1.2, 9.0, 9.5, 45, 0)),
        (new("PAR", "Paris", "FR", "EUR", 48.8566, 2.3522), new(1.5, 12.5, 8.0, 40, 0)),
        (new("ROM", "Rome", "IT", "EUR", 41.9028, 12.4964), new(1.2, 15.5, 8.5, 25, -1)),
        (new("ZRH", "Zurich", "CH", "CHF", 47.3769, 8.5417), new(1.7, 9.5, 9.0, 45, 0)),
        (new("CPT", "Cape Town", "ZA", "ZAR", -33.9249, 18.4241), new(0.6, 17.0, 4.5, 25, -1)),
        (new("DOH", "Doha", "QA", "QAR", 25.2854, 51.5310), new(1.1, 27.5, 9.0, 3, 0)),
        (new("DXB", "Dubai", "AE", "AED", 25.2048, 55.2708), new(1.3, 28.0, 8.5, 3, 0)),
        (new("JNB", "Johannesburg", "ZA", "ZAR", -26.2041, 28.0473), new(0.5, 16.0, 4.5, 30, 1)),
        (new("BKK", "Bangkok", "TH", "THB", 13.7563, 100.5018), new(0.5, 28.5, 2.0, 40, 1)),
        (new("BOM", "Mumbai", "IN", "INR", 19.0760, 72.8777), new(0.5, 27.5, 2.0, 35, 1)),
        (new("DEL", "Delhi", "IN", "INR", 28.6139, 77.2090), new(0.45, 25.0, 9.5, 15, 1)),
        (new("HKG", "Hong Kong", "HK", "HKD", 22.3193, 114.1694), new(1.3, 23.5, 6.0, 40, 1)),
        (new("SEL", "Seoul", "KR", "KRW", 37.5665, 126.9780), new(0.9, 12.5, 14.5, 30, 1)),
        (new("TYO", "Tokyo", "JP", "JPY", 35.6762, 139.6503), new(1.2, 16.0, 10.5, 35, 1)),
        (new("MEL", "Melbourne", "AU", "AUD", -37.8136, 144.9631), new(1.1, 15.0, 5.0, 40, 0)),
        (new("SIN", "Singapore", "SG", "SGD", 1.3521, 103.8198), new(1.4, 27.5, 0.8, 55, 0)),
        (new("SYD", "Sydney", "AU", "AUD", -33.8688, 151.2093), new(1.25, 18.0, 5.0, 35, 0)),
    ];

    public static readonly City[] All = Entries.Select(e => e.City).ToArray();

    public static readonly FrozenDictionary<string, CityProfile> Profiles =
        Entries.ToFrozenDictionary(e => e.City.Code, e => e.Profile, StringComparer.OrdinalIgnoreCase);
}
