namespace TravelDesk.Data.Tests.Validation;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_AreSqliteOnTraveldeskDb()
    {
        var options = new TravelDeskDatabaseOptions();

        options.Provider.ShouldBe(DatabaseProvider.Sqlite);
        options.ConnectionString.ShouldBe("Data Source=traveldesk.db");
        options.SeedSize.ShouldBeNull();
        options.SqliteBusyTimeout.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("ConnectionString")]
    [InlineData("Postgres")]
    [InlineData("SeedSize")]
    [InlineData("SqliteBusyTimeout")]
    [InlineData("Provider")]
    public void Constructor_InvalidOptions_ThrowsSayingWhichOption(string problem)
    {
        var options = problem switch
        {
            "ConnectionString" => new TravelDeskDatabaseOptions { ConnectionString = " " },
            "Postgres" => new TravelDeskDatabaseOptions { Provider = DatabaseProvider.Postgres },
            "SeedSize" => new TravelDeskDatabaseOptions { SeedSize = TravelDeskDatabaseOptions.MinSeedSize - 1 },
            "SqliteBusyTimeout" => new TravelDeskDatabaseOptions { SqliteBusyTimeout = TimeSpan.Zero },
            _ => new TravelDeskDatabaseOptions { Provider = (DatabaseProvider)7 },
        };

        var ex = Should.Throw<ArgumentException>(() => new TravelDeskDatabase(options));

        ex.Message.ShouldContain(problem == "Postgres" ? "ConnectionString" : problem);
    }

    [Fact]
    public async Task Constructor_ValidPostgresOptions_OpensNothingUntilUsed()
    {
        // Nothing listens on port 1; constructing must still succeed because no connection is made yet.
        await using var database = new TravelDeskDatabase(new TravelDeskDatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=1",
        });

        database.Provider.ShouldBe(DatabaseProvider.Postgres);
        database.SeedSize.ShouldBe(TravelDeskDatabaseOptions.DefaultSeedSize);
        database.QueryCount.ShouldBe(0);
    }

    [Fact]
    public async Task DisposedDatabase_RefusesToOpenConnections()
    {
        var database = new TravelDeskDatabase(new TravelDeskDatabaseOptions());
        await database.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(() => database.EnsureCreatedAsync());
    }
}
