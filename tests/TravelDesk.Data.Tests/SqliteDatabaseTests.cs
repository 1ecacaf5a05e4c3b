using Microsoft.Data.Sqlite;
using TravelDesk.Data.Tests.Conformance;
using TravelDesk.Data.Tests.Infrastructure;

namespace TravelDesk.Data.Tests;

/// <summary>The conformance suite on SQLite files in temporary folders, plus what only SQLite has.</summary>
public sealed class SqliteDatabaseTests : DatabaseConformanceTests
{
    private readonly List<TempDirectory> _directories = [];

    protected override Task<TravelDeskDatabaseOptions> CreateStorageAsync()
    {
        var directory = new TempDirectory();
        _directories.Add(directory);
        return Task.FromResult(new TravelDeskDatabaseOptions { ConnectionString = directory.SqliteConnectionString() });
    }

    protected override Task CleanupStorageAsync()
    {
        foreach (var directory in _directories)
        {
            directory.Dispose();
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Connections_AfterEnsureCreated_UseWalBusyTimeoutAndForeignKeys()
    {
        var database = await CreateSeededAsync();

        var journal = await RawData.QueryAsync(database, "PRAGMA journal_mode");
        var foreignKeys = await RawData.QueryAsync(database, "PRAGMA foreign_keys");
        var busyTimeout = await RawData.QueryAsync(database, "PRAGMA busy_timeout");

        journal[0].String("journal_mode").ShouldBe("wal");
        foreignKeys[0].Long("foreign_keys").ShouldBe(1);
        busyTimeout[0].Long("timeout").ShouldBe(30_000);
    }

    [Fact]
    public async Task ForeignKeys_AreEnforced()
    {
        var database = await CreateSeededAsync();

        var ex = await Should.ThrowAsync<SqliteException>(() => RawData.ExecuteAsync(database, "INSERT INTO template_tags (template_id, tag_id) VALUES (99999, 1)"));

        ex.SqliteErrorCode.ShouldBe(19);
    }

    [Fact]
    public async Task EnsureCreatedAsync_AfterDisposeAndReopen_KeepsTheData()
    {
        var options = await CreateStorageAsync();
        options.SeedSize = SmallSeed;
        await using (var first = new TravelDeskDatabase(options, Clock))
        {
            (await first.EnsureCreatedAsync()).ShouldBeTrue();
            await new UserStore(first).CreateUserAsync(new NewUser("survivor@example.com", "Survivor"));
        }

        var second = Open(options);

        (await second.EnsureCreatedAsync()).ShouldBeFalse();
        (await new UserStore(second).ListUsersAsync(1, 1)).TotalCount.ShouldBe((SmallSeed * 20 / 3) + 1);
    }
}
