namespace TravelDesk.Data;

/// <summary>
/// A recommended trip template: its cheapest and earliest matching departures, its reviews and the tags it matched.
/// <see cref="Score"/> is matched tags × 2 + average rating + an earliness bonus (1 for a departure today, 0.5 thirty
/// days out, falling off after); recommendations come best first, then by template id.
/// </summary>
public sealed record Recommendation(
    int TemplateId,
    string Title,
    string Location,
    string Country,
    string TripType,
    string Company,
    int DurationDays,
    decimal FromPrice,
    DateOnly NextDeparture,
    double AverageRating,
    int ReviewCount,
    IReadOnlyList<string> MatchedTags,
    double Score);
