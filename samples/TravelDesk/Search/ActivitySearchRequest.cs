using Microsoft.AspNetCore.Mvc;
using TravelDesk.Validation;

namespace TravelDesk.Search;

/// <summary>The query string of <c>GET /api/activities/search</c>, as text.</summary>
internal sealed class ActivitySearchRequest : ISearchRequest<ActivitySearchQuery>
{
    private static readonly string[] Categories = ["tour", "museum", "food", "outdoor", "nightlife", "show"];

    /// <summary>IATA city code.</summary>
    [FromQuery(Name = "city")] public string? City { get; init; }

    /// <summary>yyyy-MM-dd, today or later.</summary>
    [FromQuery(Name = "date")] public string? Date { get; init; }

    /// <summary>tour, museum, food, outdoor, nightlife or show; absent for all.</summary>
    [FromQuery(Name = "category")] public string? Category { get; init; }

    /// <summary>true: ask the supplier now and refresh the cached entry.</summary>
    [FromQuery(Name = "skipCache")] public string? SkipCache { get; init; }

    public ActivitySearchQuery? Validate(TimeProvider time, FieldErrors errors)
    {
        var city = SearchCodes.City(errors, "city", City);
        var today = SearchDates.TodayAt(time, city);
        var date = errors.Date("date", Date, required: true);
        SearchDates.CheckTravelDate(errors, "date", date, today);
        var category = string.IsNullOrWhiteSpace(Category) ? null : Category.Trim().ToLowerInvariant();
        if (category is not null && !Categories.Contains(category))
        {
            errors.Add("category", $"'category' must be one of {string.Join(", ", Categories)}, was '{Category}'.");
        }

        return errors.Any ? null : new ActivitySearchQuery(city!, date!.Value, category);
    }
}
