namespace TravelDesk.Data.Seeding;

/// <summary>A trip type and what makes its templates plausible: durations, daily prices, difficulty, title words, typical tags.</summary>
internal sealed record TripTypeSeed(
    string Name,
    string Slug,
    int MinDays,
    int MaxDays,
    int DailyPriceDollars,
    int MinDifficulty,
    int MaxDifficulty,
    IReadOnlyList<string> TitleNouns,
    IReadOnlyList<string> TypicalTags);
