using System.Text;
using TravelDesk.Data.Connections;
using TravelDesk.Data.Dialects;

namespace TravelDesk.Data.Recommendations;

/// <summary>
/// Writes the recommendation statement for a filter. Departures, reviews and matched tags are each aggregated per
/// template in their own CTE before the join, because joining the raw rows would multiply them (every departure times
/// every review times every tag) and skew the averages. The outer SELECT has no GROUP BY, so PostgreSQL's strict
/// grouping rules never bite. Only values travel as parameters; the SQL text depends on which filters are present.
/// </summary>
internal static class RecommendationSql
{
    public const char TagSeparator = '|';

    // A departure today earns a bonus of 1, thirty days out 0.5: soon beats later, but never outweighs a matched tag.
    private const int EarlinessHalfLifeDays = 30;

    public static (string Sql, SqlArguments Arguments) Build(RecommendationFilter filter, ISqlDialect dialect)
    {
        var arguments = new SqlArguments()
            .Add("today", filter.Today)
            .Add("startFrom", filter.StartFrom)
            .Add("seats", filter.Seats)
            .Add("limit", filter.Limit);

        var sql = new StringBuilder();
        sql.Append("""
            WITH available AS (
                SELECT o.template_id, MIN(o.start_date) AS next_departure, MIN(o.price_cents) AS from_price_cents
                FROM occurrences o
                WHERE o.status = 'open'
                  AND o.start_date >= @startFrom
                  AND o.capacity - o.booked >= @seats
            """);
        if (filter.StartUntil is { } until)
        {
            arguments.Add("startUntil", until);
            sql.Append("\n      AND o.start_date <= @startUntil");
        }

        if (filter.MaxPriceCents is { } maxPrice)
        {
            arguments.Add("maxPrice", maxPrice);
            sql.Append("\n      AND o.price_cents <= @maxPrice");
        }

        sql.Append("""

                GROUP BY o.template_id
            ),
            rated AS (
                SELECT r.template_id, AVG(CAST(r.rating AS DOUBLE PRECISION)) AS average_rating, COUNT(*) AS review_count
                FROM reviews r
                GROUP BY r.template_id
            )
            """);

        var hasTags = filter.TagIds is { Count: > 0 };
        if (hasTags)
        {
            var tagList = arguments.AddList("tag", filter.TagIds!);
            sql.Append($"""
                ,
                matched AS (
                    SELECT tt.template_id, COUNT(*) AS matched_count, {dialect.StringAggregate("tg.name", TagSeparator.ToString())} AS matched_names
                    FROM template_tags tt
                    JOIN tags tg ON tg.id = tt.tag_id
                    WHERE tt.tag_id IN ({tagList})
                    GROUP BY tt.template_id
                )
                """);
        }

        var matchedCount = hasTags ? "m.matched_count" : "0";
        var matchedNames = hasTags ? "m.matched_names" : "''";
        var days = dialect.DaysFrom("a.next_departure", "today");
        sql.Append($"""

            SELECT t.id, t.title, l.name, l.country, ty.name, c.name, t.duration_days,
                   a.from_price_cents, a.next_departure,
                   COALESCE(rt.average_rating, 0), COALESCE(rt.review_count, 0),
                   {matchedCount}, {matchedNames},
                   (2 * {matchedCount}) + COALESCE(rt.average_rating, 0)
                       + CAST({EarlinessHalfLifeDays} AS DOUBLE PRECISION) / ({EarlinessHalfLifeDays} + {days}) AS score
            FROM trip_templates t
            JOIN locations l ON l.id = t.location_id
            JOIN trip_types ty ON ty.id = t.trip_type_id
            JOIN companies c ON c.id = t.company_id
            JOIN available a ON a.template_id = t.id
            """);
        if (hasTags)
        {
            // An inner join: asking for tags means "at least one of them".
            sql.Append("\nJOIN matched m ON m.template_id = t.id");
        }

        sql.Append("""

            LEFT JOIN rated rt ON rt.template_id = t.id
            WHERE t.max_group_size >= @seats
            """);
        if (filter.LocationIds is { } locations)
        {
            sql.Append($"\n  AND t.location_id IN ({arguments.AddList("location", locations)})");
        }

        if (filter.Countries is { } countries)
        {
            sql.Append($"\n  AND LOWER(l.country) IN ({arguments.AddList("country", countries)})");
        }

        if (filter.TripTypeIds is { } tripTypes)
        {
            sql.Append($"\n  AND t.trip_type_id IN ({arguments.AddList("tripType", tripTypes)})");
        }

        if (filter.MinDurationDays is { } minDays)
        {
            arguments.Add("minDays", minDays);
            sql.Append("\n  AND t.duration_days >= @minDays");
        }

        if (filter.MaxDurationDays is { } maxDays)
        {
            arguments.Add("maxDays", maxDays);
            sql.Append("\n  AND t.duration_days <= @maxDays");
        }

        if (filter.MaxDifficulty is { } difficulty)
        {
            arguments.Add("maxDifficulty", difficulty);
            sql.Append("\n  AND t.difficulty <= @maxDifficulty");
        }

        sql.Append("\nORDER BY score DESC, t.id\nLIMIT @limit");
        return (sql.ToString(), arguments);
    }
}
