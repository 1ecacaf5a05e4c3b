using TravelDesk.Data.Connections;
using TravelDesk.Data.Users;
using TravelDesk.Data.Validation;

namespace TravelDesk.Data;

/// <summary>
/// The aggregate reports: scans and joins over whole tables, computed by the database on every call. Deliberately the
/// heaviest reads in TravelDesk, and the ones a cache helps most.
/// </summary>
public sealed class StatsQueries
{
    /// <summary>How many top users and top locations the reports list.</summary>
    public const int TopCount = 5;

    private readonly TravelDeskDatabase _database;

    /// <summary>Creates the queries over <paramref name="database"/>.</summary>
    public StatsQueries(TravelDeskDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>User totals, sign-ups and the top users by points (three statements).</summary>
    public async Task<UserStats> GetUserStatsAsync(CancellationToken cancellationToken = default)
    {
        var now = _database.TimeProvider.GetUtcNow();
        await using var operation = await DbOperation.StartAsync(_database, nameof(GetUserStatsAsync), cancellationToken).ConfigureAwait(false);

        var byStatus = UserStatus.All.ToDictionary(static s => s, static _ => 0, StringComparer.Ordinal);
        var counts = await operation.QueryAsync(
            "SELECT status, COUNT(*) FROM users GROUP BY status",
            null,
            static (reader, _) => (Status: reader.GetString(0), Count: DbValues.Int32(reader, 1)),
            cancellationToken).ConfigureAwait(false);
        foreach (var (status, count) in counts)
        {
            byStatus[status] = count;
        }

        var totals = await operation.QueryFirstOrDefaultAsync(
            """
            SELECT COUNT(*),
                   SUM(CASE WHEN created_at >= @since7 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN created_at >= @since30 THEN 1 ELSE 0 END),
                   AVG(CAST(points AS DOUBLE PRECISION))
            FROM users
            """,
            new SqlArguments().Add("since7", now.AddDays(-7)).Add("since30", now.AddDays(-30)),
            static (reader, _) => (Total: DbValues.Int32(reader, 0), New7: DbValues.Int32OrZero(reader, 1),
                New30: DbValues.Int32OrZero(reader, 2), Average: DbValues.NullableDouble(reader, 3) ?? 0),
            cancellationToken).ConfigureAwait(false);

        var top = await operation.QueryAsync(
            $"SELECT {UserMapping.Columns} FROM users ORDER BY points DESC, id LIMIT @top",
            new SqlArguments().Add("top", TopCount),
            UserMapping.Map,
            cancellationToken).ConfigureAwait(false);

        return new UserStats(totals.Total, byStatus, totals.New7, totals.New30, Math.Round(totals.Average, 2), top, now);
    }

    /// <summary>The dashboard: users, templates, departures, seats, revenue, busiest locations and review average (four statements).</summary>
    public async Task<DashboardStats> GetDashboardStatsAsync(CancellationToken cancellationToken = default)
    {
        var now = _database.TimeProvider.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var operation = await DbOperation.StartAsync(_database, nameof(GetDashboardStatsAsync), cancellationToken).ConfigureAwait(false);

        var users = await operation.QueryFirstOrDefaultAsync(
            "SELECT COUNT(*), SUM(CASE WHEN status = @active THEN 1 ELSE 0 END) FROM users",
            new SqlArguments().Add("active", UserStatus.Active),
            static (reader, _) => (Total: DbValues.Int32(reader, 0), Active: DbValues.Int32OrZero(reader, 1)),
            cancellationToken).ConfigureAwait(false);

        // Departures joined to their templates and companies so only departures of live templates count.
        var departures = await operation.QueryFirstOrDefaultAsync(
            """
            SELECT COUNT(*),
                   SUM(CASE WHEN o.status = 'open' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN o.status = 'full' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN o.status <> 'cancelled' AND o.start_date <= @in30 THEN o.booked ELSE 0 END),
                   SUM(CASE WHEN o.status <> 'cancelled' AND o.start_date <= @in30 THEN o.capacity ELSE 0 END),
                   SUM(CASE WHEN o.status <> 'cancelled' THEN CAST(o.booked AS BIGINT) * o.price_cents ELSE 0 END)
            FROM occurrences o
            JOIN trip_templates t ON t.id = o.template_id
            JOIN companies c ON c.id = t.company_id
            WHERE o.start_date >= @today
            """,
            new SqlArguments().Add("today", today).Add("in30", today.AddDays(30)),
            static (reader, _) => (Upcoming: DbValues.Int32(reader, 0), Open: DbValues.Int32OrZero(reader, 1),
                Full: DbValues.Int32OrZero(reader, 2), Booked30: DbValues.Int32OrZero(reader, 3),
                Capacity30: DbValues.Int32OrZero(reader, 4), RevenueCents: DbValues.Int64OrZero(reader, 5)),
            cancellationToken).ConfigureAwait(false);

        var catalogue = await operation.QueryFirstOrDefaultAsync(
            """
            SELECT (SELECT COUNT(*) FROM trip_templates),
                   (SELECT AVG(CAST(r.rating AS DOUBLE PRECISION)) FROM reviews r JOIN trip_templates t ON t.id = r.template_id)
            """,
            null,
            static (reader, _) => (Templates: DbValues.Int32(reader, 0), AverageRating: DbValues.NullableDouble(reader, 1) ?? 0),
            cancellationToken).ConfigureAwait(false);

        var topLocations = await operation.QueryAsync(
            """
            SELECT l.id, l.name, l.country, COUNT(*) AS departures
            FROM occurrences o
            JOIN trip_templates t ON t.id = o.template_id
            JOIN locations l ON l.id = t.location_id
            WHERE o.start_date >= @today AND o.status <> 'cancelled'
            GROUP BY l.id, l.name, l.country
            ORDER BY departures DESC, l.id
            LIMIT @top
            """,
            new SqlArguments().Add("today", today).Add("top", TopCount),
            static (reader, _) => new LocationDepartures(DbValues.Int32(reader, 0), reader.GetString(1), reader.GetString(2), DbValues.Int32(reader, 3)),
            cancellationToken).ConfigureAwait(false);

        return new DashboardStats(
            users.Total,
            users.Active,
            catalogue.Templates,
            departures.Upcoming,
            departures.Open,
            departures.Full,
            departures.Booked30,
            departures.Capacity30,
            Money.FromCents(departures.RevenueCents),
            topLocations,
            Math.Round(catalogue.AverageRating, 2),
            now);
    }
}
