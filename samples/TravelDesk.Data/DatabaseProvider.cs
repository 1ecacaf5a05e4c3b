namespace TravelDesk.Data;

/// <summary>The database engine behind <see cref="TravelDeskDatabase"/>.</summary>
public enum DatabaseProvider
{
    /// <summary>SQLite through Microsoft.Data.Sqlite: a single file, nothing to install. The default.</summary>
    Sqlite = 0,

    /// <summary>PostgreSQL through Npgsql.</summary>
    Postgres = 1,
}
