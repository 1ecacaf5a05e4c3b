namespace TravelDesk.Data;

/// <summary>
/// The operations dashboard. "Upcoming" means starting today or later. Occurrence counts include every status
/// (<see cref="OccurrencesOpen"/> + <see cref="OccurrencesFull"/> + cancelled = <see cref="OccurrencesUpcoming"/>); seats
/// and revenue leave cancelled departures out. The revenue estimate is booked seats × price over upcoming departures.
/// </summary>
public sealed record DashboardStats(
    int UsersTotal,
    int UsersActive,
    int TemplatesTotal,
    int OccurrencesUpcoming,
    int OccurrencesOpen,
    int OccurrencesFull,
    int SeatsBookedNext30Days,
    int SeatCapacityNext30Days,
    decimal BookingsRevenueEstimate,
    IReadOnlyList<LocationDepartures> TopLocations,
    double AverageReviewRating,
    DateTimeOffset GeneratedAt);
