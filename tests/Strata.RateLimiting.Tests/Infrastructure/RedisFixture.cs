using Strata.Resp;
using Strata.Testing;

namespace Strata.RateLimiting.Tests.Infrastructure;

/// <summary>One real redis-server (nothing persisted) and a client for every Redis test class in the collection.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;
    private RespClient? _client;

    public RedisServer Server => _server ?? throw new InvalidOperationException("Not initialized.");

    public RespClient Client => _client ?? throw new InvalidOperationException("Not initialized.");

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

    /// <summary>Redis options on the shared client with a prefix of its own, so tests never see each other's keys.</summary>
    public RedisRateLimiterOptions Options(RedisFailurePolicy policy = RedisFailurePolicy.FailClosed) => new()
    {
        Client = Client,
        KeyPrefix = "test:" + Guid.NewGuid().ToString("N") + ":",
        FailurePolicy = policy,
        // Generous: these tests assert Redis's decisions, and a loaded test machine must not turn them into failure-policy ones.
        OperationTimeout = TimeSpan.FromSeconds(10),
    };
}
