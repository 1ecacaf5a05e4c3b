using Strata.Redis.Tests.Infrastructure;
using Strata.Testing;

namespace Strata.Redis.Tests.Coherence;

/// <summary>On a server that refuses RESP3 (so no client tracking), <see cref="RedisCoherence.Auto"/> falls back to
/// pub/sub by itself and nodes still stop serving what another node replaced; asking for tracking fails reads loudly.</summary>
public sealed class Resp2FallbackTests : IAsyncLifetime
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(10) };
    private RedisServer _server = null!;
    private RedisCaches _caches = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync(new RedisServerOptions { Resp2Only = true });
        _caches = new RedisCaches(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _caches.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Auto_ServerWithoutTracking_FallsBackToPubSubAndKeepsNodesCoherent()
    {
        var a = await _caches.CreateAsync(TimeProvider.System);
        var b = await _caches.CreateAsync(TimeProvider.System);
        a.Tier.ActiveCoherence.ShouldBe(RedisCoherence.PubSub);
        b.Tier.ActiveCoherence.ShouldBe(RedisCoherence.PubSub);
        await a.Cache.SetAsync("k", "v1", Options);
        await a.Probe.WrittenAsync("k");
        (await b.Cache.GetOrCreateAsync("k", static _ => ValueTask.FromResult("computed"), Options)).ShouldBe("v1");
        var heard = b.Probe.Heard.Count;

        await a.Cache.SetAsync("k", "v2", Options);

        await b.Probe.HeardAsync("k", heard);
        (await b.Cache.GetOrCreateAsync("k", static _ => ValueTask.FromResult("computed"), Options)).ShouldBe("v2");
    }

    [Fact]
    public async Task Tracking_ServerWithoutTracking_ReadsFailWithAClearError()
    {
        await using var tier = new RedisDistributedTier(new RedisTierOptions { ConnectionString = _server.ConnectionString, Coherence = RedisCoherence.Tracking });

        var error = await Should.ThrowAsync<InvalidOperationException>(async () => await tier.GetAsync("k", CancellationToken.None));

        error.Message.ShouldContain("Tracking");
    }
}
