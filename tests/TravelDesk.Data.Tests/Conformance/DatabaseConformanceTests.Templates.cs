using TravelDesk.Data.Tests.Infrastructure;

namespace TravelDesk.Data.Tests.Conformance;

public abstract partial class DatabaseConformanceTests
{
    [Fact]
    public async Task GetTemplateAsync_Existing_ReturnsTheTemplateWithItsJoinsAndAggregates()
    {
        var database = await CreateSeededAsync();
        var model = await ReferenceModel.LoadAsync(database);
        var store = new TemplateStore(database);

        foreach (var id in new[] { 1, 2, 3, 7, SmallSeed })
        {
            var raw = model.Templates.Single(t => t.Int("id") == id);
            var details = await store.GetTemplateAsync(id);

            details.ShouldNotBeNull();
            details.Title.ShouldBe(raw.String("title"));
            details.DurationDays.ShouldBe(raw.Int("duration_days"));
            details.BasePrice.ShouldBe(raw.Long("base_price_cents") / 100m);
            details.UpdatedAt.ShouldBe(raw.Timestamp("updated_at"));
            details.Location.Id.ShouldBe(raw.Int("location_id"));
            details.TripType.Id.ShouldBe(raw.Int("trip_type_id"));
            details.Company.Id.ShouldBe(raw.Int("company_id"));
            (details.Guide?.Id).ShouldBe(raw.NullableInt("guide_id"));
            details.Tags.Select(static t => t.Id).ShouldBe(model.TemplateTags.Where(tt => tt.Int("template_id") == id).Select(static tt => tt.Int("tag_id")));

            var reviews = model.Reviews.Where(r => r.Int("template_id") == id).Select(static r => r.Int("rating")).ToList();
            details.ReviewCount.ShouldBe(reviews.Count);
            details.AverageRating.ShouldBe(reviews.Count == 0 ? null : Math.Round(reviews.Average(), 2));

            var upcoming = model.Occurrences
                .Where(o => o.Int("template_id") == id && o.Date("start_date") >= Today)
                .OrderBy(static o => o.Date("start_date")).ThenBy(static o => o.Int("id"))
                .Take(TemplateStore.MaxUpcomingOccurrences)
                .Select(static o => o.Int("id"));
            details.UpcomingOccurrences.Select(static o => o.Id).ShouldBe(upcoming);
            details.UpcomingOccurrences.ShouldAllBe(o => o.TemplateId == id && o.StartDate >= Today && o.Booked <= o.Capacity);
        }
    }

    [Fact]
    public async Task GetTemplateAsync_Unknown_ReturnsNull()
    {
        var store = new TemplateStore(await CreateSeededAsync());

        (await store.GetTemplateAsync(SmallSeed + 1)).ShouldBeNull();
        (await store.GetTemplateAsync(-1)).ShouldBeNull();
    }

    [Fact]
    public async Task GetTemplateAsync_AfterTheClockMoves_ListsDeparturesFromTheNewTodayOn()
    {
        var database = await CreateSeededAsync();
        var store = new TemplateStore(database);
        var first = (await store.GetTemplateAsync(1))!.UpcomingOccurrences[0];

        // A departure leaving today is still upcoming; the day after, it is not.
        Clock.SetUtcNow(new DateTimeOffset(first.StartDate.ToDateTime(new TimeOnly(23, 0)), TimeSpan.Zero));
        (await store.GetTemplateAsync(1))!.UpcomingOccurrences[0].ShouldBe(first);

        Clock.Advance(TimeSpan.FromHours(1));
        var after = (await store.GetTemplateAsync(1))!;
        after.UpcomingOccurrences.ShouldNotContain(o => o.Id == first.Id);
        after.UpcomingOccurrences.ShouldAllBe(o => o.StartDate > first.StartDate);
    }

    [Fact]
    public async Task UpdateTemplateAsync_GivenFields_ChangesOnlyThose()
    {
        var database = await CreateSeededAsync();
        var store = new TemplateStore(database);
        var before = (await store.GetTemplateAsync(3))!;
        Clock.Advance(TimeSpan.FromHours(5));

        var found = await store.UpdateTemplateAsync(3, new TemplateUpdate
        {
            Title = "  Renamed Trip  ",
            BasePrice = 1234.5m,
            Difficulty = 5,
            TagIds = [7, 3, 7],
        });

        found.ShouldBeTrue();
        var after = (await store.GetTemplateAsync(3))!;
        after.Title.ShouldBe("Renamed Trip");
        after.BasePrice.ShouldBe(1234.5m);
        after.Difficulty.ShouldBe(5);
        after.Tags.Select(static t => t.Id).ShouldBe([3, 7]);
        after.Description.ShouldBe(before.Description);
        after.Location.ShouldBe(before.Location);
        after.UpdatedAt.ShouldBe(Timestamp(Clock.GetUtcNow()));
        (await store.GetTemplateAsync(4))!.Title.ShouldNotBe("Renamed Trip");
    }

    [Fact]
    public async Task UpdateTemplateAsync_EmptyTagList_RemovesAllTags()
    {
        var store = new TemplateStore(await CreateSeededAsync());

        (await store.UpdateTemplateAsync(2, new TemplateUpdate { TagIds = [] })).ShouldBeTrue();

        (await store.GetTemplateAsync(2))!.Tags.ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateTemplateAsync_Unknown_ReturnsFalse()
    {
        var store = new TemplateStore(await CreateSeededAsync());

        (await store.UpdateTemplateAsync(SmallSeed + 5, new TemplateUpdate { Title = "Nobody" })).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Title")]
    [InlineData("Description")]
    [InlineData("BasePrice")]
    [InlineData("Difficulty")]
    [InlineData("TagIds")]
    public async Task UpdateTemplateAsync_InvalidValue_NamesTheFieldAndChangesNothing(string field)
    {
        var database = await CreateSeededAsync();
        var store = new TemplateStore(database);
        var before = await RawData.DumpAsync(database);
        var update = field switch
        {
            "Title" => new TemplateUpdate { Title = "   " },
            "Description" => new TemplateUpdate { Description = new string('x', 4001) },
            "BasePrice" => new TemplateUpdate { BasePrice = 10.005m },
            "Difficulty" => new TemplateUpdate { Difficulty = 6 },

            // A valid title with an unknown tag: the title change must be rolled back with the failed tag change.
            _ => new TemplateUpdate { Title = "Half applied", TagIds = [1, 999] },
        };

        var ex = await Should.ThrowAsync<DataValidationException>(() => store.UpdateTemplateAsync(1, update));

        ex.Field.ShouldBe(field);
        ex.ParamName.ShouldBe(field);
        (await RawData.DumpAsync(database))["trip_templates"].ShouldBe(before["trip_templates"]);
        (await RawData.DumpAsync(database))["template_tags"].ShouldBe(before["template_tags"]);
    }

    [Fact]
    public async Task UpdateOccurrenceAsync_Existing_ReturnsItsTemplateIdAndPersists()
    {
        var database = await CreateSeededAsync();
        var store = new TemplateStore(database);
        var raw = (await RawData.ReadTableAsync(database, "occurrences")).First(static o => o.String("status") == OccurrenceStatus.Open && o.Int("capacity") >= 6);
        var id = raw.Int("id");

        var templateId = await store.UpdateOccurrenceAsync(id, new OccurrenceUpdate { Price = 777.25m, Booked = 5, Status = " FULL " });

        templateId.ShouldBe(raw.Int("template_id"));
        var after = (await RawData.ReadTableAsync(database, "occurrences")).Single(o => o.Int("id") == id);
        after.Long("price_cents").ShouldBe(77725);
        after.Int("booked").ShouldBe(5);
        after.String("status").ShouldBe(OccurrenceStatus.Full);
        after.Int("capacity").ShouldBe(raw.Int("capacity"));
        var shown = (await store.GetTemplateAsync(raw.Int("template_id")))!.UpcomingOccurrences.Single(o => o.Id == id);
        shown.Price.ShouldBe(777.25m);
        shown.SeatsLeft.ShouldBe(raw.Int("capacity") - 5);
    }

    [Fact]
    public async Task UpdateOccurrenceAsync_Unknown_ReturnsNull()
    {
        var store = new TemplateStore(await CreateSeededAsync());

        (await store.UpdateOccurrenceAsync(1_000_000, new OccurrenceUpdate { Booked = 1 })).ShouldBeNull();
    }

    [Theory]
    [InlineData("Price")]
    [InlineData("Capacity")]
    [InlineData("Booked")]
    [InlineData("Status")]
    public async Task UpdateOccurrenceAsync_InvalidValue_NamesTheFieldAndChangesNothing(string field)
    {
        var database = await CreateSeededAsync();
        var store = new TemplateStore(database);
        var raw = (await RawData.ReadTableAsync(database, "occurrences")).First(static o => o.Int("booked") >= 2);
        var update = field switch
        {
            "Price" => new OccurrenceUpdate { Price = -1m },

            // Valid on its own, but below the seats already booked.
            "Capacity" => new OccurrenceUpdate { Capacity = raw.Int("booked") - 1 },
            "Booked" => new OccurrenceUpdate { Booked = raw.Int("capacity") + 1 },
            _ => new OccurrenceUpdate { Status = "postponed" },
        };

        var ex = await Should.ThrowAsync<DataValidationException>(() => store.UpdateOccurrenceAsync(raw.Int("id"), update));

        ex.Field.ShouldBe(field);
        var after = (await RawData.ReadTableAsync(database, "occurrences")).Single(o => o.Int("id") == raw.Int("id"));
        after.ToString().ShouldBe(raw.ToString());
    }

    private static DateTimeOffset Timestamp(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
