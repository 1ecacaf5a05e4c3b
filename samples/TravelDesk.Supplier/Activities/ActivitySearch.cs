using System.Collections.Concurrent;
using System.Globalization;
using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Simulation;
using static System.FormattableString;

namespace TravelDesk.Supplier.Activities;

/// <summary>
/// The activities of a city on a date. Each city has a fixed roster (per seed); on a given date about four in five
/// run (museums close on Mondays), priced in the city's currency with weekend and season surcharges. Sorted by rating.
/// </summary>
internal static class ActivitySearch
{
    private static readonly ConcurrentDictionary<(int Seed, string City), IReadOnlyList<ActivityProfile>> Rosters = new();

    public static IReadOnlyList<Activity> Search(ActivityQuery query, int seed)
    {
        var demand = DemandCalendar.Season(query.Date) * DemandCalendar.WeekendNight(query.Date);
        var activities = new List<Activity>();
        foreach (var activity in Roster(query.City, seed))
        {
            if ((query.Category is { } category && !string.Equals(activity.Category, category, StringComparison.OrdinalIgnoreCase)) ||
                (activity.Category == "museum" && query.Date.DayOfWeek == DayOfWeek.Monday) ||
                StableHash.Unit(Invariant($"runs|{seed}|{activity.Id}|{query.Date:yyyy-MM-dd}")) >= 0.8)
            {
                continue;
            }

            activities.Add(new Activity(
                activity.Id,
                activity.Name,
                activity.City,
                activity.Category,
                activity.DurationMinutes,
                Pricing.Local(activity.BasePriceUsd * demand, query.City.Currency),
                activity.Rating));
        }

        activities.Sort(static (a, b) =>
        {
            var byRating = b.Rating.CompareTo(a.Rating);
            return byRating != 0 ? byRating : string.CompareOrdinal(a.Id, b.Id);
        });
        return activities;
    }

    private static IReadOnlyList<ActivityProfile> Roster(City city, int seed) =>
        Rosters.GetOrAdd((seed, city.Code), static (key, city) => Generate(city, key.Seed), city);

    private static List<ActivityProfile> Generate(City city, int seed)
    {
        var random = DeterministicRandom.For(Invariant($"activities|{seed}|{city.Code}"));
        var cost = SupplierCatalog.GetProfile(city.Code).CostFactor;
        var count = random.Next(10, 19);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var roster = new List<ActivityProfile>(count);
        for (var attempt = 0; attempt < count * 4 && roster.Count < count; attempt++)
        {
            var category = random.Pick(ActivityCategories.All);
            var name = string.Format(CultureInfo.InvariantCulture, random.Pick(ActivityCategories.Templates(category)), city.Name);
            var (price, minMinutes, maxMinutes) = ActivityCategories.Shape(category);
            var minutes = random.Next(minMinutes / 15, (maxMinutes / 15) + 1) * 15;
            var basePrice = price * cost * random.NextDouble(0.7, 1.4);
            var rating = Math.Round(random.NextDouble(3.5, 5.0), 1);
            if (names.Add(name))
            {
                roster.Add(new ActivityProfile(Invariant($"A-{city.Code}-{roster.Count + 1:000}"), name, city.Code, category, minutes, basePrice, rating));
            }
        }

        return roster;
    }
}
