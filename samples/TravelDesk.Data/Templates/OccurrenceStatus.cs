namespace TravelDesk.Data;

/// <summary>The states of a departure, as stored and as accepted by <see cref="OccurrenceUpdate.Status"/>.</summary>
public static class OccurrenceStatus
{
    /// <summary>Bookable.</summary>
    public const string Open = "open";

    /// <summary>No seats left.</summary>
    public const string Full = "full";

    /// <summary>Will not run.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Every valid status.</summary>
    public static IReadOnlyList<string> All { get; } = [Open, Full, Cancelled];
}
