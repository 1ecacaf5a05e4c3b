using TravelDesk.Data;

namespace TravelDesk.Hosting;

/// <summary>Creates and seeds the database on first start (reuses it afterwards) before requests are served.</summary>
internal sealed class DatabaseInitializer : IHostedService
{
    private readonly TravelDeskDatabase _database;
    private readonly ILogger<DatabaseInitializer> _logger;

    public DatabaseInitializer(TravelDeskDatabase database, ILogger<DatabaseInitializer> logger)
    {
        _database = database;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seeded = await _database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation(seeded ? "Created and seeded the database." : "Reusing the existing database.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
