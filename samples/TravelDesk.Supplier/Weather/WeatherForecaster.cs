using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Simulation;
using static System.FormattableString;

namespace TravelDesk.Supplier.Weather;

/// <summary>
/// A plausible day of weather from the city's climate: the seasonal curve peaks in late July in the northern
/// hemisphere and late January in the southern (the latitude decides), rain follows the city's wet season, and a
/// seeded daily variation makes neighbouring days differ.
/// </summary>
internal static class WeatherForecaster
{
    private const double DaysPerYear = 365.25;

    public static WeatherReport Forecast(City city, DateOnly date, int seed)
    {
        var profile = SupplierCatalog.GetProfile(city.Code);
        var random = DeterministicRandom.For(Invariant($"weather|{seed}|{city.Code}|{date:yyyy-MM-dd}"));
        var warmestDay = city.Latitude >= 0 ? 205 : 22;
        var season = Math.Cos(2 * Math.PI * (date.DayOfYear - warmestDay) / DaysPerYear); // +1 midsummer, -1 midwinter
        var mean = profile.MeanTemperature + (profile.TemperatureAmplitude * season) + (1.8 * random.NextGaussian());

        var rainChance = profile.PrecipitationChance * (1 + (0.7 * profile.WetSeason * season)) + random.NextDouble(-12, 12);
        var precipitation = (int)Math.Round(Math.Clamp(rainChance, 0, 100));

        // Dry air swings more between day and night.
        var halfRange = Math.Clamp(3.0 + (3.5 * (1 - (profile.PrecipitationChance / 60.0))), 3.0, 7.0) + random.NextDouble(-1, 1);
        var high = Math.Round(mean + halfRange, 1);
        var low = Math.Round(mean - halfRange, 1);
        return new WeatherReport(city.Code, date, Conditions(precipitation, high, random), high, low, precipitation);
    }

    private static string Conditions(int precipitation, double high, DeterministicRandom random) => precipitation switch
    {
        >= 60 when high <= 1 => "Snow",
        >= 60 when high >= 26 => "Thunderstorms",
        >= 60 => "Rain",
        >= 40 when high <= 1 => "Snow showers",
        >= 40 => "Showers",
        >= 20 => random.Chance(0.5) ? "Cloudy" : "Partly cloudy",
        _ => random.Chance(0.7) ? "Sunny" : "Partly cloudy",
    };
}
