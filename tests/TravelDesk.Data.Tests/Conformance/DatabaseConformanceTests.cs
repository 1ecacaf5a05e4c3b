using System.Diagnostics.Metrics;
using Strata.Testing;

namespace TravelDesk.Data.Tests.Conformance;

/// <summary>
/// The behaviour every engine must show, run once per engine by a concrete subclass (SQLite, PostgreSQL). Each test
/// gets fresh, empty databases from <see cref="CreateStorageAsync"/>, a clock that only moves when told, and its
/// databases disposed afterwards.
/// </summary>
public abstract partial class DatabaseConformanceTests : IAsyncLifetime
{
    /// <summary>Small enough to seed in milliseconds: 30 templates, 200 departures, 300 reviews, 200 users.</summary>
    protected const int SmallSeed = 30;

    protected static readonly DateTimeOffset Start = new(2026, 3, 15, 9, 30, 0, TimeSpan.Zero);

    private readonly List<TravelDeskDatabase> _databases = [];
    private readonly Dictionary<TravelDeskDatabase, TravelDeskDatabaseOptions> _options = [];

    protected ManualTimeProvider Clock { get; } = new(Start);

    protected DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>Options pointing at a new, empty database of the engine under test.</summary>
    protected abstract Task<TravelDeskDatabaseOptions> CreateStorageAsync();

    /// <summary>Deletes what <see cref="CreateStorageAsync"/> made, after every database is disposed.</summary>
    protected virtual Task CleanupStorageAsync() => Task.CompletedTask;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        await CleanupStorageAsync();
    }

    /// <summary>A database instance on <paramref name="options"/>' storage, disposed after the test.</summary>
    protected TravelDeskDatabase Open(TravelDeskDatabaseOptions options, IMeterFactory? meterFactory = null)
    {
        var database = new TravelDeskDatabase(options, Clock, meterFactory);
        _databases.Add(database);
        _options[database] = options;
        return database;
    }

    /// <summary>A second instance on the same storage, as another process would have.</summary>
    protected TravelDeskDatabase Reopen(TravelDeskDatabase database) => Open(_options[database]);

    protected async Task<TravelDeskDatabase> CreateSeededAsync(int seedSize = SmallSeed, IMeterFactory? meterFactory = null)
    {
        var options = await CreateStorageAsync();
        options.SeedSize = seedSize;
        var database = Open(options, meterFactory);
        (await database.EnsureCreatedAsync()).ShouldBeTrue();
        return database;
    }

    /// <summary>Runs <paramref name="action"/> and checks it ran exactly <paramref name="statements"/> counted statements.</summary>
    protected static async Task ExpectStatementsAsync(TravelDeskDatabase database, int statements, Func<Task> action)
    {
        var before = database.QueryCount;
        await action();
        (database.QueryCount - before).ShouldBe(statements);
    }
}
