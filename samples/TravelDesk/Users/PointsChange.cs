namespace TravelDesk.Users;

/// <summary>The body of <c>POST /api/users/{id}/points</c>: a non-zero change and why.</summary>
public sealed record PointsChange(int Points, string? Reason);
