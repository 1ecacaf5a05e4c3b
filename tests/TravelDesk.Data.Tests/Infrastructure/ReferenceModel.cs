namespace TravelDesk.Data.Tests.Infrastructure;

/// <summary>
/// The seeded tables loaded into memory, with the recommendation and the statistics computed the slow, obvious way
/// in C#. Tests compare the SQL answers against these.
/// </summary>
public sealed class ReferenceModel
{
    private ReferenceModel()
    {
    }

    public required List<RawRow> Templates { get; init; }

    public required List<RawRow> Locations { get; init; }

    public required List<RawRow> TripTypes { get; init; }

    public required List<RawRow> Tags { get; init; }

    public required List<RawRow> TemplateTags { get; init; }

    public required List<RawRow> Occurrences { get; init; }

    public required List<RawRow> Reviews { get; init; }

    public required List<RawRow> Users { get; init; }

    public required List<RawRow> PointEvents { get; init; }

    public static async Task<ReferenceModel> LoadAsync(TravelDeskDatabase database) => new()
    {
        Templates = await RawData.ReadTableAsync(database, "trip_templates"),
        Locations = await RawData.ReadTableAsync(database, "locations"),
        TripTypes = await RawData.ReadTableAsync(database, "trip_types"),
        Tags = await RawData.ReadTableAsync(database, "tags"),
        TemplateTags = await RawData.ReadTableAsync(database, "template_tags"),
        Occurrences = await RawData.ReadTableAsync(database, "occurrences"),
        Reviews = await RawData.ReadTableAsync(database, "reviews"),
        Users = await RawData.ReadTableAsync(database, "users"),
        PointEvents = await RawData.ReadTableAsync(database, "point_events"),
    };

    /// <summary>The expected recommendations: (template id, score), best first, then by id.</summary>
    public List<(int TemplateId, double Score, decimal FromPrice, DateOnly NextDeparture, string[] MatchedTags)> Recommend(
        RecommendationRequest request, DateOnly today)
    {
        var from = request.StartAfter is { } after && after > today ? after : today;
        var locationsById = Locations.ToDictionary(static l => l.Int("id"));
        var tagNames = Tags.ToDictionary(static t => t.Int("id"), static t => t.String("name"));
        var countries = request.Countries?.Select(static c => c.Trim().ToLowerInvariant()).ToHashSet();
        var results = new List<(int, double, decimal, DateOnly, string[])>();
        foreach (var template in Templates)
        {
            var id = template.Int("id");
            var location = locationsById[template.Int("location_id")];
            if (template.Int("max_group_size") < request.GroupSize ||
                (request.LocationIds is { } locationIds && !locationIds.Contains(template.Int("location_id"))) ||
                (countries is not null && !countries.Contains(location.String("country").ToLowerInvariant())) ||
                (request.TripTypeIds is { } typeIds && !typeIds.Contains(template.Int("trip_type_id"))) ||
                (request.MinDurationDays is { } min && template.Int("duration_days") < min) ||
                (request.MaxDurationDays is { } max && template.Int("duration_days") > max) ||
                (request.MaxDifficulty is { } difficulty && template.Int("difficulty") > difficulty))
            {
                continue;
            }

            var departures = Occurrences.Where(o =>
                    o.Int("template_id") == id &&
                    o.String("status") == OccurrenceStatus.Open &&
                    o.Date("start_date") >= from &&
                    (request.StartBefore is not { } before || o.Date("start_date") <= before) &&
                    o.Int("capacity") - o.Int("booked") >= request.GroupSize &&
                    (request.MaxPrice is not { } maxPrice || o.Long("price_cents") <= (long)decimal.Floor(maxPrice * 100)))
                .ToList();
            if (departures.Count == 0)
            {
                continue;
            }

            var matched = request.TagIds is { } tagIds
                ? TemplateTags.Where(tt => tt.Int("template_id") == id && tagIds.Contains(tt.Int("tag_id")))
                    .Select(tt => tagNames[tt.Int("tag_id")]).Order(StringComparer.Ordinal).ToArray()
                : [];
            if (request.TagIds is not null && matched.Length == 0)
            {
                continue;
            }

            var ratings = Reviews.Where(r => r.Int("template_id") == id).Select(static r => r.Int("rating")).ToList();
            var average = ratings.Count == 0 ? 0 : (double)ratings.Sum() / ratings.Count;
            var next = departures.Min(static o => o.Date("start_date"));
            var days = next.DayNumber - today.DayNumber;
            var score = (2 * matched.Length) + average + (30.0 / (30 + days));
            results.Add((id, score, departures.Min(static o => o.Long("price_cents")) / 100m, next, matched));
        }

        return [.. results.OrderByDescending(static r => r.Item2).ThenBy(static r => r.Item1).Take(request.Limit)];
    }
}
