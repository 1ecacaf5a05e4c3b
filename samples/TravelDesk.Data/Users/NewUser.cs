namespace TravelDesk.Data;

/// <summary>A user to create: a unique e-mail address and a name (1–100 characters). New users are active with 0 points.</summary>
public sealed record NewUser(string Email, string Name);
