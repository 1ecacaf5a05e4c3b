using TravelDesk.Data.Dialects;

namespace TravelDesk.Data.Seeding;

/// <summary>
/// Builds the seed rows from a fixed seed. The same size and the same "now" give identical rows on every machine and
/// run; dates are relative to the seeding day (departures spread over the following 12 months, users and reviews over
/// the 2 years before), so a fresh database always has a future to recommend. Each table draws from its own generator,
/// so changing one table's recipe does not reshuffle the others.
/// </summary>
internal static class SeedGenerator
{
    private const ulong Seed = 0x5452_4156_454C_4445; // "TRAVELDE"
    private const int WelcomeBonus = 100;

    public static SeedDataSet Generate(int templateCount, DateTimeOffset now)
    {
        now = Timestamps.Truncate(now);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var occurrenceCount = templateCount * 20 / 3;
        var reviewCount = templateCount * 10;
        var userCount = templateCount * 20 / 3;

        var templates = Templates(templateCount, now);
        var (users, pointEvents) = Users(userCount, now);
        return new SeedDataSet(
        [
            Locations(),
            TripTypes(),
            Tags(),
            Guides(),
            Companies(),
            templates.Table,
            TemplateTags(templates.Rows),
            Occurrences(occurrenceCount, templates.Rows, today),
            Reviews(reviewCount, templateCount, now),
            users,
            pointEvents,
        ]);
    }

    private static SeedTable Locations() => new(
        "locations",
        ["id", "name", "country", "region", "latitude", "longitude"],
        [.. SeedCatalog.Locations.Select(static (l, i) => new object?[] { i + 1, l.Name, l.Country, l.Region, l.Latitude, l.Longitude })]);

    private static SeedTable TripTypes() => new(
        "trip_types",
        ["id", "name", "slug"],
        [.. SeedCatalog.TripTypes.Select(static (t, i) => new object?[] { i + 1, t.Name, t.Slug })]);

    private static SeedTable Tags() => new(
        "tags",
        ["id", "name"],
        [.. SeedCatalog.Tags.Select(static (t, i) => new object?[] { i + 1, t })]);

    private static SeedTable Guides()
    {
        var random = new SeedRandom(Seed ^ 0x01);
        var rows = new List<object?[]>();
        for (var i = 0; i < SeedCatalog.GuideNames.Count; i++)
        {
            var languages = new List<string> { "en" };
            var extra = random.Next(0, 3);
            while (languages.Count < extra + 1)
            {
                var language = random.Pick(SeedCatalog.Languages);
                if (!languages.Contains(language))
                {
                    languages.Add(language);
                }
            }

            // Tenths only, so the value is the same double on every engine.
            var rating = (35 + random.Next(0, 16)) / 10.0;
            rows.Add([i + 1, SeedCatalog.GuideNames[i], string.Join(',', languages), rating]);
        }

        return new SeedTable("guides", ["id", "name", "languages", "rating"], rows);
    }

    private static SeedTable Companies() => new(
        "companies",
        ["id", "name", "country", "verified"],
        [.. SeedCatalog.Companies.Select(static (c, i) => new object?[] { i + 1, c.Name, c.Country, c.Verified })]);

    private static (SeedTable Table, IReadOnlyList<TemplateRow> Rows) Templates(int count, DateTimeOffset now)
    {
        var random = new SeedRandom(Seed ^ 0x02);
        var rows = new List<object?[]>(count);
        var templates = new List<TemplateRow>(count);
        for (var id = 1; id <= count; id++)
        {
            var locationIndex = random.Next(0, SeedCatalog.Locations.Count);
            var typeIndex = random.Next(0, SeedCatalog.TripTypes.Count);
            var companyIndex = random.Next(0, SeedCatalog.Companies.Count);
            int? guideId = random.Chance(0.9) ? random.Next(1, SeedCatalog.GuideNames.Count + 1) : null;
            var location = SeedCatalog.Locations[locationIndex];
            var type = SeedCatalog.TripTypes[typeIndex];
            var company = SeedCatalog.Companies[companyIndex];

            var duration = random.Next(type.MinDays, type.MaxDays + 1);
            var daily = type.DailyPriceDollars * (0.7 + (0.9 * random.NextDouble()));
            var dollars = Math.Max(5, Math.Round(duration * daily / 5, MidpointRounding.AwayFromZero) * 5);
            var difficulty = random.Next(type.MinDifficulty, type.MaxDifficulty + 1);
            var maxGroup = random.Next(4, 25);
            var title = $"{random.Pick(SeedCatalog.TitleAdjectives)} {location.Name} {random.Pick(type.TitleNouns)}";
            var description =
                $"{duration} days of {type.Name.ToLowerInvariant()} in {location.Name}, {location.Country}, run by {company.Name}. " +
                $"Difficulty {difficulty} of 5; groups of up to {maxGroup}.";
            var updatedAt = now - TimeSpan.FromDays(random.Next(0, 180)) - TimeSpan.FromSeconds(random.Next(0, 86_400));
            var basePriceCents = (int)dollars * 100;

            rows.Add([id, title, description, locationIndex + 1, typeIndex + 1, companyIndex + 1, guideId, duration,
                basePriceCents, difficulty, maxGroup, updatedAt]);
            templates.Add(new TemplateRow(id, type, duration, basePriceCents, maxGroup));
        }

        var table = new SeedTable(
            "trip_templates",
            ["id", "title", "description", "location_id", "trip_type_id", "company_id", "guide_id", "duration_days",
                "base_price_cents", "difficulty", "max_group_size", "updated_at"],
            rows);
        return (table, templates);
    }

    private static SeedTable TemplateTags(IReadOnlyList<TemplateRow> templates)
    {
        var random = new SeedRandom(Seed ^ 0x03);
        var rows = new List<object?[]>();
        var chosen = new List<int>(6);
        foreach (var template in templates)
        {
            chosen.Clear();
            var count = random.Next(2, 7);
            while (chosen.Count < count)
            {
                // Mostly the trip type's typical tags, so tag filters find the trips one would expect.
                var name = random.Chance(0.65) ? random.Pick(template.Type.TypicalTags) : random.Pick(SeedCatalog.Tags);
                var tagId = IndexOfTag(name) + 1;
                if (!chosen.Contains(tagId))
                {
                    chosen.Add(tagId);
                }
            }

            chosen.Sort();
            foreach (var tagId in chosen)
            {
                rows.Add([template.Id, tagId]);
            }
        }

        return new SeedTable("template_tags", ["template_id", "tag_id"], rows);
    }

    private static SeedTable Occurrences(int count, IReadOnlyList<TemplateRow> templates, DateOnly today)
    {
        var random = new SeedRandom(Seed ^ 0x04);
        var rows = new List<object?[]>(count);
        for (var id = 1; id <= count; id++)
        {
            // Every template gets one departure first, then the rest land anywhere.
            var template = id <= templates.Count ? templates[id - 1] : random.Pick(templates);
            var start = today.AddDays(random.Next(1, 366));
            var end = start.AddDays(template.DurationDays - 1);
            var priceCents = (int)Math.Round(template.BasePriceCents * (0.85 + (0.45 * random.NextDouble())) / 100, MidpointRounding.AwayFromZero) * 100;
            var capacity = template.MaxGroupSize;
            var booked = random.Chance(0.15) ? capacity : random.Next(0, capacity);
            var status = random.Chance(0.05) ? OccurrenceStatus.Cancelled
                : booked == capacity ? OccurrenceStatus.Full
                : OccurrenceStatus.Open;
            rows.Add([id, template.Id, start, end, Math.Max(100, priceCents), capacity, booked, status]);
        }

        return new SeedTable(
            "occurrences",
            ["id", "template_id", "start_date", "end_date", "price_cents", "capacity", "booked", "status"],
            rows);
    }

    private static SeedTable Reviews(int count, int templateCount, DateTimeOffset now)
    {
        var random = new SeedRandom(Seed ^ 0x05);
        var rows = new List<object?[]>(count);
        for (var id = 1; id <= count; id++)
        {
            var roll = random.Next(0, 100);
            var rating = roll switch
            {
                < 5 => 1,
                < 13 => 2,
                < 30 => 3,
                < 65 => 4,
                _ => 5,
            };
            var createdAt = now - TimeSpan.FromDays(random.Next(1, 731)) - TimeSpan.FromSeconds(random.Next(0, 86_400));
            rows.Add([id, random.Next(1, templateCount + 1), rating, createdAt]);
        }

        return new SeedTable("reviews", ["id", "template_id", "rating", "created_at"], rows);
    }

    private static (SeedTable Users, SeedTable PointEvents) Users(int count, DateTimeOffset now)
    {
        var random = new SeedRandom(Seed ^ 0x06);
        var users = new List<object?[]>(count);
        var events = new List<object?[]>(count * 3);
        for (var id = 1; id <= count; id++)
        {
            var first = random.Pick(SeedCatalog.FirstNames);
            var last = random.Pick(SeedCatalog.LastNames);
            var email = $"{first}.{last}.{id}@example.com".ToLowerInvariant();
            var roll = random.Next(0, 100);
            var status = roll < 80 ? UserStatus.Active : roll < 94 ? UserStatus.Inactive : UserStatus.Suspended;
            var createdAt = now - TimeSpan.FromDays(random.Next(0, 730)) - TimeSpan.FromSeconds(random.Next(0, 86_400));
            var lifetime = now - createdAt;

            // The balance is the sum of the user's point events, as it stays after AddPointsAsync.
            var balance = WelcomeBonus;
            events.Add([events.Count + 1, id, WelcomeBonus, "welcome bonus", createdAt]);
            var earnings = random.Next(0, 4);
            for (var e = 1; e <= earnings; e++)
            {
                var delta = random.Next(1, 31) * 25;
                balance += delta;
                events.Add([events.Count + 1, id, delta, random.Pick(SeedCatalog.EarnReasons), createdAt + (lifetime * e / (earnings + 2))]);
            }

            if (balance > WelcomeBonus && random.Chance(0.2))
            {
                var redeemed = -random.Next(1, (balance / 2) + 1);
                balance += redeemed;
                events.Add([events.Count + 1, id, redeemed, "points redeemed", createdAt + (lifetime * (earnings + 1) / (earnings + 2))]);
            }

            DateTimeOffset? lastLogin = status == UserStatus.Inactive && random.Chance(0.5)
                ? null
                : createdAt + (lifetime * random.NextDouble());
            users.Add([id, email, $"{first} {last}", status, balance, createdAt, lastLogin]);
        }

        return (
            new SeedTable("users", ["id", "email", "name", "status", "points", "created_at", "last_login_at"], users),
            new SeedTable("point_events", ["id", "user_id", "delta", "reason", "created_at"], events));
    }

    private static int IndexOfTag(string name)
    {
        for (var i = 0; i < SeedCatalog.Tags.Count; i++)
        {
            if (string.Equals(SeedCatalog.Tags[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The seed catalog's tag list has no '{name}'.");
    }
}
