namespace TravelDesk.Configuration;

/// <summary>Section <c>TravelDesk:Database</c>.</summary>
public sealed class DatabaseSettings
{
    /// <summary>
    /// The connection string. Default <c>Data Source=traveldesk.db</c>: a SQLite file in the working directory, created
    /// and seeded on first start and reused afterwards. A PostgreSQL connection string (<c>Host=...;Database=...</c>)
    /// switches to PostgreSQL.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=traveldesk.db";

    /// <summary><c>Sqlite</c>, <c>Postgres</c>, or empty (the default) to tell from the connection string.</summary>
    public string? Provider { get; set; }
}
