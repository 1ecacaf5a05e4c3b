using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier;

/// <summary>
/// The airports of the catalogue: real codes, names, IANA time zones and coordinates (to four decimals, enough for
/// great-circle distances). Its own class rather than a field of <see cref="SupplierCatalog"/>, so it is initialised on
/// first use whatever order static fields are declared in.
/// </summary>
internal static class AirportData
{
    public static readonly Airport[] All =
    [
        // North America
        new("ATL", "Hartsfield-Jackson Atlanta International Airport", "ATL", "Atlanta", "US", "America/New_York", 33.6407, -84.4277),
        new("BOS", "Logan International Airport", "BOS", "Boston", "US", "America/New_York", 42.3656, -71.0096),
        new("DEN", "Denver International Airport", "DEN", "Denver", "US", "America/Denver", 39.8561, -104.6737),
        new("DFW", "Dallas/Fort Worth International Airport", "DFW", "Dallas", "US", "America/Chicago", 32.8998, -97.0403),
        new("JFK", "John F. Kennedy International Airport", "NYC", "New York", "US", "America/New_York", 40.6413, -73.7781),
        new("LAX", "Los Angeles International Airport", "LAX", "Los Angeles", "US", "America/Los_Angeles", 33.9416, -118.4085),
        new("MIA", "Miami International Airport", "MIA", "Miami", "US", "America/New_York", 25.7959, -80.2870),
        new("ORD", "O'Hare International Airport", "CHI", "Chicago", "US", "America/Chicago", 41.9742, -87.9073),
        new("SEA", "Seattle-Tacoma International Airport", "SEA", "Seattle", "US", "America/Los_Angeles", 47.4502, -122.3088),
        new("SFO", "San Francisco International Airport", "SFO", "San Francisco", "US", "America/Los_Angeles", 37.6213, -122.3790),
        new("YVR", "Vancouver International Airport", "YVR", "Vancouver", "CA", "America/Vancouver", 49.1967, -123.1815),
        new("YYZ", "Toronto Pearson International Airport", "YTO", "Toronto", "CA", "America/Toronto", 43.6777, -79.6248),
        new("MEX", "Mexico City International Airport", "MEX", "Mexico City", "MX", "America/Mexico_City", 19.4361, -99.0719),

        // South America
        new("EZE", "Ministro Pistarini International Airport", "BUE", "Buenos Aires", "AR", "America/Argentina/Buenos_Aires", -34.8222, -58.5358),
        new("GRU", "Sao Paulo/Guarulhos International Airport", "SAO", "Sao Paulo", "BR", "America/Sao_Paulo", -23.4356, -46.4731),

        // Europe
        new("AMS", "Amsterdam Airport Schiphol", "AMS", "Amsterdam", "NL", "Europe/Amsterdam", 52.3105, 4.7683),
        new("BCN", "Josep Tarradellas Barcelona-El Prat Airport", "BCN", "Barcelona", "ES", "Europe/Madrid", 41.2974, 2.0833),
        new("CDG", "Paris Charles de Gaulle Airport", "PAR", "Paris", "FR", "Europe/Paris", 49.0097, 2.5479),
        new("FCO", "Leonardo da Vinci-Fiumicino Airport", "ROM", "Rome", "IT", "Europe/Rome", 41.8003, 12.2389),
        new("FRA", "Frankfurt Airport", "FRA", "Frankfurt", "DE", "Europe/Berlin", 50.0379, 8.5622),
        new("IST", "Istanbul Airport", "IST", "Istanbul", "TR", "Europe/Istanbul", 41.2753, 28.7519),
        new("LHR", "London Heathrow Airport", "LON", "London", "GB", "Europe/London", 51.4700, -0.4543),
        new("LIS", "Humberto Delgado Airport", "LIS", "Lisbon", "PT", "Europe/Lisbon", 38.7742, -9.1342),
        new("MAD", "Adolfo Suarez Madrid-Barajas Airport", "MAD", "Madrid", "ES", "Europe/Madrid", 40.4983, -3.5676),
        new("MUC", "Munich Airport", "MUC", "Munich", "DE", "Europe/Berlin", 48.3537, 11.7750),
        new("ZRH", "Zurich Airport", "ZRH", "Zurich", "CH", "Europe/Zurich", 47.4582, 8.5555),

        // Middle East and Africa
        new("CPT", "Cape Town International Airport", "CPT", "Cape Town", "ZA", "Africa/Johannesburg", -33.9715, 18.6021),
        new("DOH", "Hamad International Airport", "DOH", "Doha", "QA", "Asia/Qatar", 25.2731, 51.6081),
        new("DXB", "Dubai International Airport", "DXB", "Dubai", "AE", "Asia/Dubai", 25.2532, 55.3657),
        new("JNB", "O. R. Tambo International Airport", "JNB", "Johannesburg", "ZA", "Africa/Johannesburg", -26.1367, 28.2411),

        // Asia and Oceania
        new("BKK", "Suvarnabhumi Airport", "BKK", "Bangkok", "TH", "Asia/Bangkok", 13.6900, 100.7501),
        new("BOM", "Chhatrapati Shivaji Maharaj International Airport", "BOM", "Mumbai", "IN", "Asia/Kolkata", 19.0896, 72.8656),
        new("DEL", "Indira Gandhi International Airport", "DEL", "Delhi", "IN", "Asia/Kolkata", 28.5562, 77.1000),
        new("HKG", "Hong Kong International Airport", "HKG", "Hong Kong", "HK", "Asia/Hong_Kong", 22.3080, 113.9185),
        new("HND", "Tokyo Haneda Airport", "TYO", "Tokyo", "JP", "Asia/Tokyo", 35.5494, 139.7798),
        new("ICN", "Incheon International Airport", "SEL", "Seoul", "KR", "Asia/Seoul", 37.4602, 126.4407),
        new("MEL", "Melbourne Airport", "MEL", "Melbourne", "AU", "Australia/Melbourne", -37.6690, 144.8410),
        new("NRT", "Narita International Airport", "TYO", "Tokyo", "JP", "Asia/Tokyo", 35.7720, 140.3929),
        new("SIN", "Singapore Changi Airport", "SIN", "Singapore", "SG", "Asia/Singapore", 1.3644, 103.9915),
        new("SYD", "Sydney Kingsford Smith Airport", "SYD", "Sydney", "AU", "Australia/Sydney", -33.9399, 151.1753),
    ];
}
