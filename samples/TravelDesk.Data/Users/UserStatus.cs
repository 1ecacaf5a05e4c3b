namespace TravelDesk.Data;

/// <summary>The states of a user account, as stored and as accepted by <see cref="UserUpdate.Status"/>.</summary>
public static class UserStatus
{
    /// <summary>A normal account.</summary>
    public const string Active = "active";

    /// <summary>Dormant: has not signed in for a long time.</summary>
    public const string Inactive = "inactive";

    /// <summary>Blocked by an administrator.</summary>
    public const string Suspended = "suspended";

    /// <summary>Every valid status.</summary>
    public static IReadOnlyList<string> All { get; } = [Active, Inactive, Suspended];
}
