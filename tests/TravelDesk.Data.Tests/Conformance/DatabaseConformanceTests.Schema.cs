using TravelDesk.Data.Tests.Infrastructure;

namespace TravelDesk.Data.Tests.Conformance;

public abstract partial class DatabaseConformanceTests
{
    [Fact]
    public async Task EnsureCreatedAsync_NewDatabase_CreatesSchemaAndSeedsDefaultSize()
    {
        var database = Open(await CreateStorageAsync());

        (await database.EnsureCreatedAsync()).ShouldBeTrue();

        (await RawData.CountAsync(database, "locations")).ShouldBe(40);
        (await RawData.CountAsync(database, "trip_types")).ShouldBe(8);
        (await RawData.CountAsync(database, "tags")).ShouldBe(30);
        (await RawData.CountAsync(database, "guides")).ShouldBe(25);
        (await RawData.CountAsync(database, "companies")).ShouldBe(12);
        (await RawData.CountAsync(database, "trip_templates")).ShouldBe(300);
        (await RawData.CountAsync(database, "template_tags")).ShouldBeInRange(2 * 300, 6 * 300);
        (await RawData.CountAsync(database, "occurrences")).ShouldBe(2000);
        (await RawData.CountAsync(database, "reviews")).ShouldBe(3000);
        (await RawData.CountAsync(database, "users")).ShouldBe(2000);
        (await RawData.CountAsync(database, "point_events")).ShouldBeGreaterThanOrEqualTo(2000);
        var version = await RawData.QueryAsync(database, "SELECT version, seed_size FROM schema_version");
        version.Count.ShouldBe(1);
        version[0].Int("version").ShouldBe(1);
        version[0].Int("seed_size").ShouldBe(300);
        database.QueryCount.ShouldBe(0, "schema creation and seeding are not counted as queries");
    }

    [Fact]
    public async Task EnsureCreatedAsync_SecondStart_ReusesTheDataWithoutReseeding()
    {
        var first = await CreateSeededAsync();
        var created = await new UserStore(first).CreateUserAsync(new NewUser("kept@example.com", "Kept Across Restarts"));
        var before = await RawData.DumpAsync(first);

        var second = Reopen(first);
        (await second.EnsureCreatedAsync()).ShouldBeFalse();
        (await first.EnsureCreatedAsync()).ShouldBeFalse();

        var after = await RawData.DumpAsync(second);
        foreach (var table in RawData.Tables)
        {
            after[table].ShouldBe(before[table], $"table {table}");
        }

        (await new UserStore(second).GetUserAsync(created.Id)).ShouldBe(created);
    }

    [Fact]
    public async Task EnsureCreatedAsync_TwoInstancesStartingAtOnce_SeedExactlyOnce()
    {
        var options = await CreateStorageAsync();
        options.SeedSize = SmallSeed;
        var a = Open(options);
        var b = Open(options);

        // Task.Run: Microsoft.Data.Sqlite completes synchronously, which would otherwise serialise the two calls.
        var results = await Task.WhenAll(Task.Run(() => a.EnsureCreatedAsync()), Task.Run(() => b.EnsureCreatedAsync()));

        results.Count(static seeded => seeded).ShouldBe(1);
        (await RawData.CountAsync(a, "trip_templates")).ShouldBe(SmallSeed);
        (await RawData.CountAsync(b, "users")).ShouldBe(SmallSeed * 20 / 3);
        (await RawData.CountAsync(a, "schema_version")).ShouldBe(1);
    }

    [Fact]
    public async Task EnsureCreatedAsync_OtherSchemaVersion_RefusesTheDatabase()
    {
        var database = await CreateSeededAsync();
        await RawData.ExecuteAsync(database, "UPDATE schema_version SET version = 99");

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => Reopen(database).EnsureCreatedAsync());

        ex.Message.ShouldContain("99");
    }

    [Fact]
    public async Task Seed_TwoFreshDatabases_HoldIdenticalRows()
    {
        var a = await CreateSeededAsync();
        var b = await CreateSeededAsync();

        var dumpA = await RawData.DumpAsync(a);
        var dumpB = await RawData.DumpAsync(b);

        foreach (var table in RawData.Tables)
        {
            dumpA[table].ShouldNotBeEmpty();
            dumpB[table].ShouldBe(dumpA[table], $"table {table}");
        }
    }

    [Fact]
    public async Task Seed_Rows_AreConsistentAndInTheFuture()
    {
        var database = await CreateSeededAsync();
        var model = await ReferenceModel.LoadAsync(database);
        var templates = model.Templates.ToDictionary(static t => t.Int("id"));

        foreach (var occurrence in model.Occurrences)
        {
            var template = templates[occurrence.Int("template_id")];
            var start = occurrence.Date("start_date");
            start.ShouldBeGreaterThan(Today);
            start.ShouldBeLessThanOrEqualTo(Today.AddDays(365));
            occurrence.Date("end_date").ShouldBe(start.AddDays(template.Int("duration_days") - 1));
            occurrence.Int("booked").ShouldBeInRange(0, occurrence.Int("capacity"));
            var status = occurrence.String("status");
            if (status != OccurrenceStatus.Cancelled)
            {
                status.ShouldBe(occurrence.Int("booked") == occurrence.Int("capacity") ? OccurrenceStatus.Full : OccurrenceStatus.Open);
            }
        }

        foreach (var template in model.Templates)
        {
            var id = template.Int("id");
            model.TemplateTags.Count(tt => tt.Int("template_id") == id).ShouldBeInRange(2, 6);
            model.Occurrences.ShouldContain(o => o.Int("template_id") == id, "every template has a departure");
            template.Int("difficulty").ShouldBeInRange(1, 5);
        }

        var eventsByUser = model.PointEvents.GroupBy(static e => e.Int("user_id")).ToDictionary(static g => g.Key, static g => g.Sum(static e => e.Int("delta")));
        foreach (var user in model.Users)
        {
            user.Int("points").ShouldBe(eventsByUser[user.Int("id")], "a balance is the sum of its point events");
            user.Timestamp("created_at").ShouldBeLessThanOrEqualTo(Start);
            user.Timestamp("created_at").ShouldBeGreaterThan(Start.AddDays(-731));
        }

        model.Users.Select(static u => u.String("status")).Distinct().Order().ShouldBe(["active", "inactive", "suspended"]);
    }
}
