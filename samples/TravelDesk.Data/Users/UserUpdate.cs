namespace TravelDesk.Data;

/// <summary>Changes to a user; a <see langword="null"/> property leaves the value unchanged.</summary>
public sealed record UserUpdate
{
    /// <summary>1–100 characters.</summary>
    public string? Name { get; init; }

    /// <summary>A valid, unused e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>One of <see cref="UserStatus.All"/>.</summary>
    public string? Status { get; init; }
}
