using System.Threading.Channels;
using Strata.Resp.Tracking;
using Strata.Testing;

namespace Strata.Resp.Tests.Integration;

/// <summary>Client-side-caching invalidations: another connection's writes, server flushes, and reconnects.</summary>
public sealed class TrackingTests
{
    [Fact]
    public async Task Broadcast_OtherClientWritesUnderPrefix_InvalidationArrives()
    {
        await using var server = await RedisServer.StartAsync();
        await using var tracked = await RespClient.ConnectAsync(server.ConnectionString);
        await using var writer = await RespClient.ConnectAsync(server.ConnectionString);
        var invalidations = Collect(tracked);
        var options = new RespTrackingOptions { NoLoop = true };
        options.Prefixes.Add("cache:");
        await tracked.EnableTrackingAsync(options);

        await writer.SetAsync("other:1", "not tracked");
        await writer.SetAsync("cache:1", "v");

        var invalidation = await invalidations.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        invalidation.Reason.ShouldBe(RespInvalidationReason.Server);
        invalidation.Keys.ShouldBe(["cache:1"]);
    }

    [Fact]
    public async Task Broadcast_FlushAll_RaisesFlushEverything()
    {
        await using var server = await RedisServer.StartAsync();
        await using var tracked = await RespClient.ConnectAsync(server.ConnectionString);
        var invalidations = Collect(tracked);
        await tracked.EnableTrackingAsync(new RespTrackingOptions());

        await server.CliAsync("FLUSHALL");

        var invalidation = await invalidations.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        invalidation.IsFlushAll.ShouldBeTrue();
        invalidation.Reason.ShouldBe(RespInvalidationReason.Server);
    }

    [Fact]
    public async Task ConnectionLost_RaisesFlushAll_AndTrackingIsRestored()
    {
        await using var server = await RedisServer.StartAsync();
        var options = RespClientOptions.Parse(server.ConnectionString);
        await using var tracked = await RespClient.ConnectAsync(options);
        var invalidations = Collect(tracked);
        var tracking = new RespTrackingOptions();
        tracking.Prefixes.Add("cache:");
        await tracked.EnableTrackingAsync(tracking);

        await server.RestartAsync();

        var lost = await invalidations.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        (lost.IsFlushAll, lost.Reason).ShouldBe((true, RespInvalidationReason.ConnectionLost));
        var restored = await invalidations.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        (restored.IsFlushAll, restored.Reason).ShouldBe((true, RespInvalidationReason.Reconnected));

        await using var writer = await RespClient.ConnectAsync(server.ConnectionString);
        await writer.SetAsync("cache:after", "v");
        var invalidation = await invalidations.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        invalidation.Keys.ShouldBe(["cache:after"]);
    }

    [Fact]
    public async Task EnableTracking_OnResp2_ThrowsNotSupported()
    {
        await using var server = await RedisServer.StartAsync();
        var options = RespClientOptions.Parse(server.ConnectionString);
        options.Protocol = RespProtocol.Resp2;
        await using var client = await RespClient.ConnectAsync(options);

        await Should.ThrowAsync<NotSupportedException>(() => client.EnableTrackingAsync(new RespTrackingOptions()));
    }

    private static ChannelReader<RespInvalidation> Collect(RespClient client)
    {
        var channel = Channel.CreateUnbounded<RespInvalidation>();
        client.Invalidated += (_, invalidation) => channel.Writer.TryWrite(invalidation);
        return channel.Reader;
    }
}
