namespace TravelDesk.Data;

/// <summary>
/// A trip template with everything a detail page shows: where, what kind, who runs and guides it, its tags, its next
/// departures (at most <see cref="TemplateStore.MaxUpcomingOccurrences"/>, from today, by date) and its reviews' average.
/// </summary>
public sealed record TripTemplateDetails(
    int Id,
    string Title,
    string Description,
    int DurationDays,
    decimal BasePrice,
    int Difficulty,
    int MaxGroupSize,
    DateTimeOffset UpdatedAt,
    Location Location,
    TripType TripType,
    Company Company,
    Guide? Guide,
    IReadOnlyList<Tag> Tags,
    IReadOnlyList<Occurrence> UpcomingOccurrences,
    double? AverageRating,
    int ReviewCount);
