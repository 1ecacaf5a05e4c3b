namespace TravelDesk.Data;

/// <summary>Where TravelDesk's database lives and how much seed data it gets. Validated when the database is built.</summary>
public sealed class TravelDeskDatabaseOptions
{
    /// <summary>The connection string used when none is configured: a SQLite file in the working directory.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=traveldesk.db";

    /// <summary>The number of trip templates seeded when <see cref="SeedSize"/> is not set.</summary>
    public const int DefaultSeedSize = 300;

    /// <summary>The smallest accepted <see cref="SeedSize"/>.</summary>
    public const int MinSeedSize = 10;

    /// <summary>The largest accepted <see cref="SeedSize"/>.</summary>
    public const int MaxSeedSize = 10_000;

    /// <summary>The engine. Default: <see cref="DatabaseProvider.Sqlite"/>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string. Default: <c>Data Source=traveldesk.db</c> (SQLite). Must be set to an Npgsql
    /// connection string when <see cref="Provider"/> is <see cref="DatabaseProvider.Postgres"/>.
    /// </summary>
    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;

    /// <summary>
    /// How many trip templates a new database is seeded with; the other tables scale with it (about 6.7 occurrences,
    /// 10 reviews and 6.7 users per template). Default: <c>null</c>, meaning <see cref="DefaultSeedSize"/> (300
    /// templates, ~2000 occurrences, ~3000 reviews, ~2000 users). Range <see cref="MinSeedSize"/>–<see cref="MaxSeedSize"/>.
    /// Only read when the database is empty.
    /// </summary>
    public int? SeedSize { get; set; }

    /// <summary>
    /// How long a SQLite writer waits for another writer's lock before failing. Default: 30 seconds. Ignored by PostgreSQL,
    /// whose row locks simply wait.
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
