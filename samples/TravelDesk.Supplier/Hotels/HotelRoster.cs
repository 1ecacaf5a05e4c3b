using System.Collections.Concurrent;
using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Simulation;
using static System.FormattableString;

namespace TravelDesk.Supplier.Hotels;

/// <summary>
/// The hotels of a city: 8 to 30, drawn once per (seed, city) and kept, so names, stars, ratings and amenities never
/// change between searches; only the price and availability of a stay do.
/// </summary>
internal static class HotelRoster
{
    private static readonly string[] Prefixes =
    [
        "Grand", "Royal", "Park", "Central", "Harbour", "Riverside", "Garden", "City", "Plaza", "Metropole",
        "Old Town", "Skyline", "Station", "Palace", "Atlas", "Meridian", "Sunset", "Crown", "Heritage", "Avenue",
    ];

    private static readonly string[] Kinds = ["Hotel", "Inn", "Suites", "Residence", "Lodge", "House", "Tower", "Hotel & Spa"];

    private static readonly ConcurrentDictionary<(int Seed, string City), IReadOnlyList<HotelProfile>> Cache = new();

    /// <summary>US-dollar nightly base by stars, before the city's cost factor.</summary>
    private static double StarBase(int stars) => stars switch
    {
        2 => 70,
        3 => 110,
        4 => 180,
        _ => 320,
    };

    public static IReadOnlyList<HotelProfile> For(City city, int seed) =>
        Cache.GetOrAdd((seed, city.Code), static (key, city) => Generate(city, key.Seed), city);

    private static List<HotelProfile> Generate(City city, int seed)
    {
        var random = DeterministicRandom.For(Invariant($"hotels|{seed}|{city.Code}"));
        var profile = SupplierCatalog.GetProfile(city.Code);
        var count = random.Next(8, 31);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var hotels = new List<HotelProfile>(count);
        for (var i = 1; i <= count; i++)
        {
            string name;
            do
            {
                name = Name(random, city.Name);
            }
            while (!names.Add(name));

            var draw = random.NextDouble();
            var stars = draw switch
            {
                < 0.20 => 2,
                < 0.55 => 3,
                < 0.85 => 4,
                _ => 5,
            };
            var rating = Math.Round(Math.Clamp(6.0 + (0.45 * (stars - 2)) + random.NextDouble(0, 2.4), 6.0, 9.8), 1);
            var amenities = HotelAmenities.All.Where(a => random.Chance(HotelAmenities.Likelihood(a, stars))).ToArray();
            var nightly = StarBase(stars) * profile.CostFactor * random.NextDouble(0.85, 1.2);
            hotels.Add(new HotelProfile(Invariant($"H-{city.Code}-{i:000}"), name, city.Code, stars, rating, amenities, nightly));
        }

        return hotels;
    }

    private static string Name(DeterministicRandom random, string cityName)
    {
        var prefix = random.Pick(Prefixes);
        var kind = random.Pick(Kinds);
        return random.Next(3) switch
        {
            0 => $"{prefix} {kind} {cityName}",
            1 => $"{cityName} {prefix} {kind}",
            _ => $"The {prefix} {kind}",
        };
    }
}
