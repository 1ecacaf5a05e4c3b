using TravelDesk.Data.Connections;
using TravelDesk.Data.Recommendations;
using TravelDesk.Data.Validation;

namespace TravelDesk.Data;

/// <summary>
/// The recommendation search: one statement joining templates, locations, trip types, companies, tags, departures and
/// reviews, aggregated per template and ranked. The expensive query the cache exists for.
/// </summary>
public sealed class RecommendationQuery
{
    private readonly TravelDeskDatabase _database;

    /// <summary>Creates the query over <paramref name="database"/>.</summary>
    public RecommendationQuery(TravelDeskDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>
    /// Checks <paramref name="request"/> as <see cref="RecommendAsync"/> would, without running the query: callers that
    /// cache results validate first, so a bad request is neither a cache entry nor a database round trip.
    /// </summary>
    /// <exception cref="DataValidationException">A filter is out of range or contradicts another.</exception>
    public void Validate(RecommendationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = RecommendationFilter.From(request, DateOnly.FromDateTime(_database.TimeProvider.GetUtcNow().UtcDateTime));
    }

    /// <summary>The best trip templates for <paramref name="request"/>, at most <see cref="RecommendationRequest.Limit"/>.</summary>
    /// <exception cref="DataValidationException">A filter is out of range or contradicts another (min above max, start after end).</exception>
    public async Task<IReadOnlyList<Recommendation>> RecommendAsync(RecommendationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = DateOnly.FromDateTime(_database.TimeProvider.GetUtcNow().UtcDateTime);
        var filter = RecommendationFilter.From(request, today);
        var (sql, arguments) = RecommendationSql.Build(filter, _database.Dialect);

        await using var operation = await DbOperation.StartAsync(_database, nameof(RecommendAsync), cancellationToken).ConfigureAwait(false);
        return await operation.QueryAsync(sql, arguments, static (reader, dialect) =>
        {
            var tags = reader.IsDBNull(12) ? "" : reader.GetString(12);
            return new Recommendation(
                DbValues.Int32(reader, 0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                DbValues.Int32(reader, 6),
                Money.FromCents(DbValues.Int64OrZero(reader, 7)),
                dialect.ReadDate(reader, 8),
                Math.Round(DbValues.Double(reader, 9), 2),
                DbValues.Int32(reader, 10),
                [.. tags.Split(RecommendationSql.TagSeparator, StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)],
                Math.Round(DbValues.Double(reader, 13), 4));
        }, cancellationToken).ConfigureAwait(false);
    }
}
