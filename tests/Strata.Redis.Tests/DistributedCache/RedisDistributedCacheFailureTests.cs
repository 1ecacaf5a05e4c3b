using Microsoft.Extensions.Caching.Distributed;
using Strata.Redis.DistributedCache;
using Strata.Resp;
using Strata.Testing;

namespace Strata.Redis.Tests.DistributedCache;

/// <summary>
/// Redis unreachable or slow: <see cref="IDistributedCache"/> has no fail-safe contract, so Strata.Resp's exception
/// reaches the caller. Each test owns what it breaks (its own server, or a client aimed at a closed port).
/// </summary>
public sealed class RedisDistributedCacheFailureTests
{
    [Fact]
    public async Task AnyOperation_ServerKilled_ThrowsTheStrataRespException()
    {
        await using var server = await RedisServer.StartAsync();
        // Connected before the test starts (so the first write cannot race the background connect), and not waiting
        // for a reconnect afterwards, so each call fails at once rather than at its timeout.
        var clientOptions = RespClientOptions.Parse(server.ConnectionString);
        clientOptions.WaitForReconnect = false;
        clientOptions.CommandTimeout = TimeSpan.FromSeconds(2);
        await using var client = await RespClient.ConnectAsync(clientOptions);
        await using var cache = new RedisDistributedCache(new RedisDistributedCacheOptions { Client = client });
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions());

        await server.KillAsync();

        await Should.ThrowAsync<RespException>(() => cache.GetAsync("k"));
        await Should.ThrowAsync<RespException>(() => cache.SetAsync("k", [2], new DistributedCacheEntryOptions()));
        await Should.ThrowAsync<RespException>(() => cache.RefreshAsync("k"));
        await Should.ThrowAsync<RespException>(() => cache.RemoveAsync("k"));
        Should.Throw<RespException>(() => cache.Get("k"));
    }

    [Fact]
    public async Task GetAsync_SharedClientSlowerThanOperationTimeout_ThrowsRespTimeoutExceptionOnTheCachesClock()
    {
        // Nothing listens on the port, so the shared client waits for a connection for up to a minute; only the cache's
        // OperationTimeout, on the manual clock, can end the call.
        await using var client = RespClient.Create(new RespClientOptions
        {
            Port = PortAllocator.Next(),
            CommandTimeout = TimeSpan.FromMinutes(1),
        });
        var clock = new ManualTimeProvider();
        await using var cache = new RedisDistributedCache(new RedisDistributedCacheOptions
        {
            Client = client,
            OperationTimeout = TimeSpan.FromSeconds(2),
            TimeProvider = clock,
        });

        var get = cache.GetAsync("k");
        get.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(2));

        var error = await Should.ThrowAsync<RespTimeoutException>(get);
        error.Message.ShouldContain("OperationTimeout");
    }

    [Fact]
    public async Task GetAsync_CallerCancelsBeforeTheOperationTimeout_ThrowsOperationCanceledException()
    {
        await using var client = RespClient.Create(new RespClientOptions
        {
            Port = PortAllocator.Next(),
            CommandTimeout = TimeSpan.FromMinutes(1),
        });
        await using var cache = new RedisDistributedCache(new RedisDistributedCacheOptions
        {
            Client = client,
            OperationTimeout = TimeSpan.FromSeconds(2),
            TimeProvider = new ManualTimeProvider(),
        });
        using var cancellation = new CancellationTokenSource();

        var get = cache.GetAsync("k", cancellation.Token);
        await cancellation.CancelAsync();

        var error = await Should.ThrowAsync<OperationCanceledException>(get);
        error.ShouldNotBeOfType<RespTimeoutException>();
    }
}
