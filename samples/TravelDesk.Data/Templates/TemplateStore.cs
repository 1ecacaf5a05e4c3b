using System.Data.Common;
using System.Globalization;
using System.Text;
using TravelDesk.Data.Connections;
using TravelDesk.Data.Dialects;
using TravelDesk.Data.Resources;
using TravelDesk.Data.Validation;

namespace TravelDesk.Data;

/// <summary>
/// Trip templates and their departures: the detail read (three statements: the template with its joins and review
/// aggregate, its tags, its upcoming departures) and the two writes whose results the service must invalidate.
/// </summary>
public sealed class TemplateStore
{
    /// <summary>The most upcoming departures <see cref="GetTemplateAsync"/> returns.</summary>
    public const int MaxUpcomingOccurrences = 20;

    /// <summary>The most tags a template may have.</summary>
    public const int MaxTags = 10;

    private const string TemplateSql = """
        SELECT t.id, t.title, t.description, t.duration_days, t.base_price_cents, t.difficulty, t.max_group_size, t.updated_at,
               l.id, l.name, l.country, l.region, l.latitude, l.longitude,
               ty.id, ty.name, ty.slug,
               c.id, c.name, c.country, c.verified,
               g.id, g.name, g.languages, g.rating,
               (SELECT COUNT(*) FROM reviews r WHERE r.template_id = t.id),
               (SELECT AVG(CAST(r.rating AS DOUBLE PRECISION)) FROM reviews r WHERE r.template_id = t.id)
        FROM trip_templates t
        JOIN locations l ON l.id = t.location_id
        JOIN trip_types ty ON ty.id = t.trip_type_id
        JOIN companies c ON c.id = t.company_id
        LEFT JOIN guides g ON g.id = t.guide_id
        WHERE t.id = @id
        """;

    private const string TagsSql = """
        SELECT tg.id, tg.name
        FROM template_tags tt
        JOIN tags tg ON tg.id = tt.tag_id
        WHERE tt.template_id = @id
        ORDER BY tg.id
        """;

    private const string UpcomingSql = """
        SELECT id, template_id, start_date, end_date, price_cents, capacity, booked, status
        FROM occurrences
        WHERE template_id = @id AND start_date >= @today
        ORDER BY start_date, id
        LIMIT @limit
        """;

    private readonly TravelDeskDatabase _database;

    /// <summary>Creates the store over <paramref name="database"/>.</summary>
    public TemplateStore(TravelDeskDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>The template with its location, type, company, guide, tags, upcoming departures and review average; <see langword="null"/> when there is no such template.</summary>
    public async Task<TripTemplateDetails?> GetTemplateAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var operation = await DbOperation.StartAsync(_database, nameof(GetTemplateAsync), cancellationToken).ConfigureAwait(false);
        var arguments = new SqlArguments().Add("id", id);
        var template = await operation.QueryFirstOrDefaultAsync(TemplateSql, arguments, MapTemplate, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            return null;
        }

        var tags = await operation.QueryAsync(
            TagsSql, arguments, static (reader, _) => ResourceMapping.Tag(reader, 0), cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(_database.TimeProvider.GetUtcNow().UtcDateTime);
        var upcoming = await operation.QueryAsync(
            UpcomingSql,
            new SqlArguments().Add("id", id).Add("today", today).Add("limit", MaxUpcomingOccurrences),
            MapOccurrence,
            cancellationToken).ConfigureAwait(false);
        return template with { Tags = tags, UpcomingOccurrences = upcoming };
    }

    /// <summary>Applies the non-null fields of <paramref name="update"/> and stamps the template's update time.</summary>
    /// <returns><see langword="false"/> when there is no such template.</returns>
    /// <exception cref="DataValidationException">A value is out of range or a tag id does not exist.</exception>
    public async Task<bool> UpdateTemplateAsync(int id, TemplateUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var title = update.Title is null ? null : Require.Text(update.Title, 200, nameof(TemplateUpdate.Title));
        var description = update.Description is null ? null : Require.Text(update.Description, 4000, nameof(TemplateUpdate.Description));
        int? priceCents = update.BasePrice is { } price ? Money.ToCents(price, nameof(TemplateUpdate.BasePrice)) : null;
        if (update.Difficulty is { } difficulty)
        {
            Require.InRange(difficulty, 1, 5, nameof(TemplateUpdate.Difficulty));
        }

        var tagIds = Require.Ids(update.TagIds, MaxTags, nameof(TemplateUpdate.TagIds), allowEmpty: true);

        await using var operation = await DbOperation.StartAsync(_database, nameof(UpdateTemplateAsync), cancellationToken).ConfigureAwait(false);
        await operation.BeginWriteAsync(cancellationToken).ConfigureAwait(false);

        var arguments = new SqlArguments().Add("id", id).Add("now", _database.TimeProvider.GetUtcNow());
        var set = new StringBuilder("updated_at = @now");
        AppendSet(set, arguments, "title", title);
        AppendSet(set, arguments, "description", description);
        AppendSet(set, arguments, "base_price_cents", priceCents);
        AppendSet(set, arguments, "difficulty", update.Difficulty);
        var changed = await operation.ExecuteAsync(
            $"UPDATE trip_templates SET {set} WHERE id = @id", arguments, cancellationToken).ConfigureAwait(false);
        if (changed == 0)
        {
            return false;
        }

        if (tagIds is not null)
        {
            await ReplaceTagsAsync(operation, id, tagIds, cancellationToken).ConfigureAwait(false);
        }

        await operation.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Applies the non-null fields of <paramref name="update"/> to a departure.</summary>
    /// <returns>The departure's template id (what a cache must invalidate), or <see langword="null"/> when there is no such departure.</returns>
    /// <exception cref="DataValidationException">A value is out of range, or booked seats would exceed capacity.</exception>
    public async Task<int?> UpdateOccurrenceAsync(int id, OccurrenceUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        int? priceCents = update.Price is { } price ? Money.ToCents(price, nameof(OccurrenceUpdate.Price)) : null;
        if (update.Capacity is { } newCapacity)
        {
            Require.InRange(newCapacity, 1, 500, nameof(OccurrenceUpdate.Capacity));
        }

        if (update.Booked is { } newBooked)
        {
            Require.InRange(newBooked, 0, 500, nameof(OccurrenceUpdate.Booked));
        }

        string? status = null;
        if (update.Status is not null)
        {
            status = update.Status.Trim().ToLowerInvariant();
            if (!OccurrenceStatus.All.Contains(status))
            {
                Require.Fail(nameof(OccurrenceUpdate.Status), $"Status must be one of {string.Join(", ", OccurrenceStatus.All)} (was '{update.Status}').");
            }
        }

        await using var operation = await DbOperation.StartAsync(_database, nameof(UpdateOccurrenceAsync), cancellationToken).ConfigureAwait(false);
        await operation.BeginWriteAsync(cancellationToken).ConfigureAwait(false);

        // Read and lock the row first: "booked <= capacity" depends on whichever of the two the update leaves alone.
        var current = await operation.QueryFirstOrDefaultAsync(
            $"SELECT template_id, capacity, booked FROM occurrences WHERE id = @id{operation.Dialect.ForUpdate}",
            new SqlArguments().Add("id", id),
            static (reader, _) => ((int TemplateId, int Capacity, int Booked)?)(DbValues.Int32(reader, 0), DbValues.Int32(reader, 1), DbValues.Int32(reader, 2)),
            cancellationToken).ConfigureAwait(false);
        if (current is not { } row)
        {
            return null;
        }

        var capacity = update.Capacity ?? row.Capacity;
        var booked = update.Booked ?? row.Booked;
        if (booked > capacity)
        {
            var field = update.Booked is null ? nameof(OccurrenceUpdate.Capacity) : nameof(OccurrenceUpdate.Booked);
            Require.Fail(field, $"Booked seats ({booked}) cannot exceed capacity ({capacity}).");
        }

        var arguments = new SqlArguments().Add("id", id);
        var set = new StringBuilder();
        AppendSet(set, arguments, "price_cents", priceCents);
        AppendSet(set, arguments, "capacity", update.Capacity);
        AppendSet(set, arguments, "booked", update.Booked);
        AppendSet(set, arguments, "status", status);
        if (set.Length > 0)
        {
            await operation.ExecuteAsync($"UPDATE occurrences SET {set} WHERE id = @id", arguments, cancellationToken).ConfigureAwait(false);
        }

        await operation.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row.TemplateId;
    }

    internal static Occurrence MapOccurrence(DbDataReader reader, ISqlDialect dialect) => new(
        DbValues.Int32(reader, 0),
        DbValues.Int32(reader, 1),
        dialect.ReadDate(reader, 2),
        dialect.ReadDate(reader, 3),
        Money.FromCents(DbValues.Int64OrZero(reader, 4)),
        DbValues.Int32(reader, 5),
        DbValues.Int32(reader, 6),
        reader.GetString(7));

    private static TripTemplateDetails MapTemplate(DbDataReader reader, ISqlDialect dialect)
    {
        var average = DbValues.NullableDouble(reader, 26);
        return new TripTemplateDetails(
            DbValues.Int32(reader, 0),
            reader.GetString(1),
            reader.GetString(2),
            DbValues.Int32(reader, 3),
            Money.FromCents(DbValues.Int64OrZero(reader, 4)),
            DbValues.Int32(reader, 5),
            DbValues.Int32(reader, 6),
            dialect.ReadTimestamp(reader, 7),
            ResourceMapping.Location(reader, 8),
            ResourceMapping.TripType(reader, 14),
            ResourceMapping.Company(reader, 17),
            reader.IsDBNull(21) ? null : ResourceMapping.Guide(reader, 21),
            [],
            [],
            average is { } value ? Math.Round(value, 2) : null,
            DbValues.Int32(reader, 25));
    }

    private static async Task ReplaceTagsAsync(DbOperation operation, int templateId, IReadOnlyList<int> tagIds, CancellationToken cancellationToken)
    {
        if (tagIds.Count > 0)
        {
            var lookup = new SqlArguments();
            var list = lookup.AddList("tag", tagIds);
            var existing = await operation.QueryAsync(
                $"SELECT id FROM tags WHERE id IN ({list})", lookup, static (reader, _) => DbValues.Int32(reader, 0), cancellationToken).ConfigureAwait(false);
            var missing = tagIds.Except(existing).ToList();
            if (missing.Count > 0)
            {
                Require.Fail(nameof(TemplateUpdate.TagIds), $"Unknown tag id(s): {string.Join(", ", missing)}.");
            }
        }

        await operation.ExecuteAsync(
            "DELETE FROM template_tags WHERE template_id = @id", new SqlArguments().Add("id", templateId), cancellationToken).ConfigureAwait(false);
        if (tagIds.Count == 0)
        {
            return;
        }

        var arguments = new SqlArguments().Add("id", templateId);
        var values = new StringBuilder();
        for (var i = 0; i < tagIds.Count; i++)
        {
            var name = "tag" + i.ToString(CultureInfo.InvariantCulture);
            arguments.Add(name, tagIds[i]);
            values.Append(i == 0 ? "(@id, @" : ", (@id, @").Append(name).Append(')');
        }

        await operation.ExecuteAsync(
            $"INSERT INTO template_tags (template_id, tag_id) VALUES {values}", arguments, cancellationToken).ConfigureAwait(false);
    }

    // Column names are literals from this class; only the values travel as parameters.
    private static void AppendSet(StringBuilder set, SqlArguments arguments, string column, object? value)
    {
        if (value is null)
        {
            return;
        }

        if (set.Length > 0)
        {
            set.Append(", ");
        }

        set.Append(column).Append(" = @").Append(column);
        arguments.Add(column, value);
    }
}
