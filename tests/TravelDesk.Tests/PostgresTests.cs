using System.Net;
using Strata.Testing;
using TravelDesk.Tests.Infrastructure;

namespace TravelDesk.Tests;

/// <summary>TravelDesk on a real PostgreSQL server (a PostgreSQL connection string is all it takes).</summary>
public sealed class PostgresTests
{
    [Fact]
    public async Task With_a_postgresql_connection_string_the_service_answers_as_it_does_on_sqlite()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateSchemaAsync();
        // One clock for both, so both seed the same rows (timestamps are relative to the seeding moment).
        var now = DateTimeOffset.UtcNow;
        var clock = new ManualTimeProvider(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero));
        await using var onPostgres = await TravelDeskTestHost.StartAsync(
            new Dictionary<string, string> { ["TravelDesk:Database:ConnectionString"] = connectionString }, clock);
        await using var onSqlite = await TravelDeskTestHost.StartAsync(time: clock);

        const string preferences = """{ "tripTypeIds": [2, 4], "maxPrice": 6000, "groupSize": 2, "limit": 8 }""";
        foreach (var url in (string[])["/api/locations", "/api/tags", "/api/templates/12", "/api/users/40", "/api/users?page=3"])
        {
            (await onPostgres.Client.GetStringAsync(url)).ShouldBe(await onSqlite.Client.GetStringAsync(url), url);
        }

        using var fromPostgres = await onPostgres.Client.PostAsync("/api/recommendations", ResponseExtensions.JsonBody(preferences));
        using var fromSqlite = await onSqlite.Client.PostAsync("/api/recommendations", ResponseExtensions.JsonBody(preferences));
        fromPostgres.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fromPostgres.Content.ReadAsStringAsync()).ShouldBe(await fromSqlite.Content.ReadAsStringAsync());

        (await onPostgres.Client.GetAsync("/api/users/40")).Header("X-Cache").ShouldBe("HIT");
        using var edit = await onPostgres.Client.PutAsync("/api/users/40", ResponseExtensions.JsonBody("""{ "name": "Stored In Postgres" }"""));
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await onPostgres.Client.GetAsync("/api/users/40")).JsonAsync()).GetProperty("name").GetString().ShouldBe("Stored In Postgres");
        (await onPostgres.Client.GetAsync("/api/stats/dashboard")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
