using TravelDesk.Data;

namespace TravelDesk.Configuration;

/// <summary>Tells SQLite from PostgreSQL: the explicit <c>Provider</c> setting, else the connection string's form.</summary>
internal static class DatabaseProviderDetector
{
    /// <summary>Finds the provider; returns a message naming the setting when it cannot, else null.</summary>
    public static string? Detect(string? provider, string connectionString, out DatabaseProvider result)
    {
        result = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(provider))
        {
            if (string.Equals(provider, "sqlite", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (string.Equals(provider, "postgres", StringComparison.OrdinalIgnoreCase)
                || string.Equals(provider, "postgresql", StringComparison.OrdinalIgnoreCase))
            {
                result = DatabaseProvider.Postgres;
                return null;
            }

            return $"TravelDesk:Database:Provider must be Sqlite or Postgres, was '{provider}'.";
        }

        var text = connectionString.TrimStart();
        if (text.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DataSource=", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Filename=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            result = DatabaseProvider.Postgres;
            return null;
        }

        return "TravelDesk:Database:ConnectionString is neither a SQLite ('Data Source=file.db') nor a PostgreSQL "
            + "('Host=...;Database=...') connection string; set TravelDesk:Database:Provider to say which.";
    }
}
