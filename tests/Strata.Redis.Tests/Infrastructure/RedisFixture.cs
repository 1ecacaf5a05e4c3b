using Strata.Resp;
using Strata.Testing;

namespace Strata.Redis.Tests.Infrastructure;

/// <summary>One real redis-server (nothing persisted) and a client for every Redis test class in the collection.
/// Tests isolate themselves by key prefix (<see cref="NewPrefix"/>), never by flushing.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;
    private RespClient? _client;

    public RedisServer Server => _server ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>A client for the test's own inspection of the server (not the one under test).</summary>
    public RespClient Client => _client ?? throw new InvalidOperationException("Not initialized.");

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _client = await RespClient.ConnectAsync(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewPrefix(string name = "t") => $"{name}-{Guid.NewGuid():N}";

    /// <summary>The keys on the server starting with <paramref name="prefix"/> (SCAN, not KEYS).</summary>
    public async Task<List<string>> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in Client.ScanKeysAsync(prefix + "*"))
        {
            keys.Add(key);
        }

        return keys;
    }
}
