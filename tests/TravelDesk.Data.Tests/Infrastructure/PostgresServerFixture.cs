namespace TravelDesk.Data.Tests.Infrastructure;

/// <summary>One PostgreSQL server for every test in the <see cref="PostgresCollection"/>; each test makes its own database on it.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
