using Xunit;

namespace Strata.Testing;

/// <summary>
/// An xunit class/collection fixture that owns one <see cref="RedisServer"/>. Derive and override
/// <see cref="CreateOptions"/> for a TLS, ACL or RESP2-only server.
/// </summary>
public class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync(CreateOptions()).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The options for the server; a plain server by default.</summary>
    protected virtual RedisServerOptions CreateOptions() => new();
}
