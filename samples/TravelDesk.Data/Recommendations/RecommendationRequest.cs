namespace TravelDesk.Data;

/// <summary>
/// What a traveller is looking for. Every filter is optional; list filters match any of their values. Departures are
/// always in the future: <see cref="StartAfter"/> earlier than today is treated as today.
/// </summary>
public sealed record RecommendationRequest
{
    /// <summary>The default <see cref="Limit"/>.</summary>
    public const int DefaultLimit = 10;

    /// <summary>The largest <see cref="Limit"/>.</summary>
    public const int MaxLimit = 50;

    /// <summary>The largest <see cref="GroupSize"/>.</summary>
    public const int MaxGroupSize = 50;

    /// <summary>The most values a list filter may hold.</summary>
    public const int MaxListLength = 50;

    /// <summary>Only these locations.</summary>
    public IReadOnlyList<int>? LocationIds { get; init; }

    /// <summary>Only these countries (case-insensitive).</summary>
    public IReadOnlyList<string>? Countries { get; init; }

    /// <summary>Only these trip types.</summary>
    public IReadOnlyList<int>? TripTypeIds { get; init; }

    /// <summary>Only templates with at least one of these tags; each matching tag also raises the score.</summary>
    public IReadOnlyList<int>? TagIds { get; init; }

    /// <summary>Only departures at most this price per person (greater than 0).</summary>
    public decimal? MaxPrice { get; init; }

    /// <summary>Only templates at least this many days long (1 or more).</summary>
    public int? MinDurationDays { get; init; }

    /// <summary>Only templates at most this many days long (1 or more, not below <see cref="MinDurationDays"/>).</summary>
    public int? MaxDurationDays { get; init; }

    /// <summary>Only templates at most this difficult (1–5).</summary>
    public int? MaxDifficulty { get; init; }

    /// <summary>Only departures starting on or after this date. Default: today.</summary>
    public DateOnly? StartAfter { get; init; }

    /// <summary>Only departures starting on or before this date (not before <see cref="StartAfter"/>).</summary>
    public DateOnly? StartBefore { get; init; }

    /// <summary>Seats needed on one departure (1–<see cref="MaxGroupSize"/>). Default: 1.</summary>
    public int GroupSize { get; init; } = 1;

    /// <summary>How many recommendations to return (1–<see cref="MaxLimit"/>). Default: <see cref="DefaultLimit"/>.</summary>
    public int Limit { get; init; } = DefaultLimit;
}
