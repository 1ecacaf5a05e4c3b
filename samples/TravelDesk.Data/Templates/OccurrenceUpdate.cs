namespace TravelDesk.Data;

/// <summary>Changes to a departure; a <see langword="null"/> property leaves the value unchanged. Booked seats never exceed capacity.</summary>
public sealed record OccurrenceUpdate
{
    /// <summary>Greater than 0, at most two decimals.</summary>
    public decimal? Price { get; init; }

    /// <summary>1–500.</summary>
    public int? Capacity { get; init; }

    /// <summary>0–capacity.</summary>
    public int? Booked { get; init; }

    /// <summary>One of <see cref="OccurrenceStatus.All"/>.</summary>
    public string? Status { get; init; }
}
