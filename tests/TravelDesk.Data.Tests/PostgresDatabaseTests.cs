using System.Text.Json;
using TravelDesk.Data.Tests.Conformance;
using TravelDesk.Data.Tests.Infrastructure;

namespace TravelDesk.Data.Tests;

/// <summary>
/// The conformance suite against a real PostgreSQL server (one per run, a fresh schema per test), plus checks that
/// PostgreSQL and SQLite hold the same seed and give the same answers.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDatabaseTests(PostgresServerFixture fixture) : DatabaseConformanceTests
{
    private readonly List<TempDirectory> _directories = [];

    protected override async Task<TravelDeskDatabaseOptions> CreateStorageAsync() => new()
    {
        Provider = DatabaseProvider.Postgres,
        ConnectionString = await fixture.Server.CreateSchemaAsync(),
    };

    protected override Task CleanupStorageAsync()
    {
        foreach (var directory in _directories)
        {
            directory.Dispose();
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Seed_PostgresAndSqlite_HoldIdenticalRows()
    {
        var postgres = await CreateSeededAsync();
        var sqlite = await CreateSqliteAsync();

        var expected = await RawData.DumpAsync(sqlite);
        var actual = await RawData.DumpAsync(postgres);

        foreach (var table in RawData.Tables)
        {
            actual[table].ShouldBe(expected[table], $"table {table}");
        }
    }

    [Fact]
    public async Task Queries_PostgresAndSqlite_GiveIdenticalAnswers()
    {
        var postgres = await CreateSeededAsync(60);
        var sqlite = await CreateSqliteAsync(60);

        foreach (var question in Questions())
        {
            var expected = JsonSerializer.Serialize(await question(sqlite));
            var actual = JsonSerializer.Serialize(await question(postgres));
            actual.ShouldBe(expected);
        }
    }

    private IEnumerable<Func<TravelDeskDatabase, Task<object?>>> Questions()
    {
        yield return async db => await new ResourceQueries(db).GetLocationsAsync();
        yield return async db => await new ResourceQueries(db).GetGuidesAsync();
        yield return async db => await new ResourceQueries(db).GetCompaniesAsync();
        yield return async db => await new TemplateStore(db).GetTemplateAsync(1);
        yield return async db => await new TemplateStore(db).GetTemplateAsync(42);
        yield return async db => await new RecommendationQuery(db).RecommendAsync(new RecommendationRequest { Limit = 50 });
        yield return async db => await new RecommendationQuery(db).RecommendAsync(new RecommendationRequest
        {
            TagIds = [1, 4, 7, 26, 28],
            Countries = ["Japan", "peru", "Italy"],
            MaxPrice = 2500m,
            StartBefore = Today.AddDays(180),
            GroupSize = 3,
            Limit = 20,
        });
        yield return async db => await new UserStore(db).ListUsersAsync(3, 25);
        yield return async db => await new StatsQueries(db).GetUserStatsAsync();
        yield return async db => await new StatsQueries(db).GetDashboardStatsAsync();
    }

    private async Task<TravelDeskDatabase> CreateSqliteAsync(int seedSize = SmallSeed)
    {
        var directory = new TempDirectory();
        _directories.Add(directory);
        var database = Open(new TravelDeskDatabaseOptions { ConnectionString = directory.SqliteConnectionString(), SeedSize = seedSize });
        (await database.EnsureCreatedAsync()).ShouldBeTrue();
        return database;
    }
}
