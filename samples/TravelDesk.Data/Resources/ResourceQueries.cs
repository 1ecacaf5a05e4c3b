using TravelDesk.Data.Connections;
using TravelDesk.Data.Resources;

namespace TravelDesk.Data;

/// <summary>
/// The reference lists (locations, trip types, tags, guides, companies): small, read constantly, changed never, which
/// makes them the easiest cache win. Each call runs one statement; results are ordered by id.
/// </summary>
public sealed class ResourceQueries
{
    private readonly TravelDeskDatabase _database;

    /// <summary>Creates the queries over <paramref name="database"/>.</summary>
    public ResourceQueries(TravelDeskDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>All locations.</summary>
    public Task<IReadOnlyList<Location>> GetLocationsAsync(CancellationToken cancellationToken = default) =>
        ListAsync(
            nameof(GetLocationsAsync),
            "SELECT id, name, country, region, latitude, longitude FROM locations ORDER BY id",
            static (reader, _) => ResourceMapping.Location(reader, 0),
            cancellationToken);

    /// <summary>All trip types.</summary>
    public Task<IReadOnlyList<TripType>> GetTripTypesAsync(CancellationToken cancellationToken = default) =>
        ListAsync(
            nameof(GetTripTypesAsync),
            "SELECT id, name, slug FROM trip_types ORDER BY id",
            static (reader, _) => ResourceMapping.TripType(reader, 0),
            cancellationToken);

    /// <summary>All tags.</summary>
    public Task<IReadOnlyList<Tag>> GetTagsAsync(CancellationToken cancellationToken = default) =>
        ListAsync(
            nameof(GetTagsAsync),
            "SELECT id, name FROM tags ORDER BY id",
            static (reader, _) => ResourceMapping.Tag(reader, 0),
            cancellationToken);

    /// <summary>All guides.</summary>
    public Task<IReadOnlyList<Guide>> GetGuidesAsync(CancellationToken cancellationToken = default) =>
        ListAsync(
            nameof(GetGuidesAsync),
            "SELECT id, name, languages, rating FROM guides ORDER BY id",
            static (reader, _) => ResourceMapping.Guide(reader, 0),
            cancellationToken);

    /// <summary>All companies.</summary>
    public Task<IReadOnlyList<Company>> GetCompaniesAsync(CancellationToken cancellationToken = default) =>
        ListAsync(
            nameof(GetCompaniesAsync),
            "SELECT id, name, country, verified FROM companies ORDER BY id",
            static (reader, _) => ResourceMapping.Company(reader, 0),
            cancellationToken);

    private async Task<IReadOnlyList<T>> ListAsync<T>(
        string operationName,
        string sql,
        Func<System.Data.Common.DbDataReader, Dialects.ISqlDialect, T> map,
        CancellationToken cancellationToken)
    {
        await using var operation = await DbOperation.StartAsync(_database, operationName, cancellationToken).ConfigureAwait(false);
        return await operation.QueryAsync(sql, null, map, cancellationToken).ConfigureAwait(false);
    }
}
