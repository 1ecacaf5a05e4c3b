namespace TravelDesk.Data;

/// <summary>A hotel-API user (HITA): e-mail (stored lower-case), name, <see cref="UserStatus"/>, loyalty points.</summary>
public sealed record User(
    int Id,
    string Email,
    string Name,
    string Status,
    int Points,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt);
