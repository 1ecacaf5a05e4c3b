using Microsoft.Extensions.Options;

namespace TravelDesk.Data.Options;

/// <summary>Validates <see cref="TravelDeskDatabaseOptions"/> at startup (DI) and in the database constructor, with one message per problem.</summary>
internal sealed class TravelDeskDatabaseOptionsValidator : IValidateOptions<TravelDeskDatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, TravelDeskDatabaseOptions options) =>
        Validate(options) is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;

    public static string? Validate(TravelDeskDatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return $"TravelDesk database: Provider '{options.Provider}' is not Sqlite or Postgres.";
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return "TravelDesk database: ConnectionString is required.";
        }

        if (options.Provider == DatabaseProvider.Postgres &&
            string.Equals(options.ConnectionString, TravelDeskDatabaseOptions.DefaultSqliteConnectionString, StringComparison.Ordinal))
        {
            // The default is a SQLite file name; handing it to Npgsql would fail later with a far less helpful message.
            return "TravelDesk database: Provider is Postgres but ConnectionString is still the SQLite default; set an Npgsql connection string (Host=...;Database=...).";
        }

        if (options.SeedSize is { } size && size is < TravelDeskDatabaseOptions.MinSeedSize or > TravelDeskDatabaseOptions.MaxSeedSize)
        {
            return $"TravelDesk database: SeedSize must be between {TravelDeskDatabaseOptions.MinSeedSize} and {TravelDeskDatabaseOptions.MaxSeedSize} (was {size}).";
        }

        if (options.SqliteBusyTimeout <= TimeSpan.Zero || options.SqliteBusyTimeout > TimeSpan.FromMinutes(10))
        {
            return $"TravelDesk database: SqliteBusyTimeout must be positive and at most 10 minutes (was {options.SqliteBusyTimeout}).";
        }

        return null;
    }
}
