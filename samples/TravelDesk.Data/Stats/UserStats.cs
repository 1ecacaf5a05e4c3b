namespace TravelDesk.Data;

/// <summary>
/// Aggregates over all users: totals by <see cref="UserStatus"/> (every status present, 0 when none), sign-ups in the
/// last 7 and 30 days, the average balance and the five users with the most points (ties by id).
/// </summary>
public sealed record UserStats(
    int TotalUsers,
    IReadOnlyDictionary<string, int> ByStatus,
    int NewLast7Days,
    int NewLast30Days,
    double AveragePoints,
    IReadOnlyList<User> TopUsers,
    DateTimeOffset GeneratedAt);
