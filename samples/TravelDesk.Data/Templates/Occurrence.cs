namespace TravelDesk.Data;

/// <summary>One departure of a trip template: dates, price per person, seats and status (<see cref="OccurrenceStatus"/>).</summary>
public sealed record Occurrence(
    int Id,
    int TemplateId,
    DateOnly StartDate,
    DateOnly EndDate,
    decimal Price,
    int Capacity,
    int Booked,
    string Status)
{
    /// <summary>Seats still free.</summary>
    public int SeatsLeft => Capacity - Booked;
}
