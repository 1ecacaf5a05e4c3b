using Strata.Resp.PubSub;
using Strata.Testing;

namespace Strata.Resp.Tests.Integration;

/// <summary>Pub/sub on RESP3 (same connection) and RESP2 (dedicated connection), across a reconnect.</summary>
public sealed class PubSubTests
{
    public static TheoryData<RespProtocol> Protocols => [RespProtocol.Resp3, RespProtocol.Resp2];

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Subscribe_Publish_MessagesArriveInOrder(RespProtocol protocol)
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await ConnectAsync(server, protocol);
        await using var subscription = await client.SubscribeAsync("news");

        for (var i = 0; i < 100; i++)
        {
            (await client.PublishAsync("news", $"m{i}")).ShouldBe(1);
        }

        for (var i = 0; i < 100; i++)
        {
            var message = await subscription.Messages.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            message.Channel.ShouldBe("news");
            message.PayloadText.ShouldBe($"m{i}");
        }

        // Commands still work on the connection that carries the subscription (RESP3) or beside it (RESP2).
        await client.SetAsync("after", "ok");
        (await client.GetAsync("after")).ShouldBe("ok");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task PatternSubscribe_ReportsPatternAndChannel(RespProtocol protocol)
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await ConnectAsync(server, protocol);
        await using var subscription = await client.SubscribePatternAsync("orders.*");

        await client.PublishAsync("orders.eu", "paid");
        await client.PublishAsync("other", "ignored");
        await client.PublishAsync("orders.us", "shipped");

        var first = await subscription.Messages.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var second = await subscription.Messages.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        (first.Pattern, first.Channel, first.PayloadText).ShouldBe(("orders.*", "orders.eu", "paid"));
        (second.Channel, second.PayloadText).ShouldBe(("orders.us", "shipped"));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Subscription_ServerRestarted_IsRestored(RespProtocol protocol)
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await ConnectAsync(server, protocol);
        await using var subscription = await client.SubscribeAsync("survives");
        await client.PublishAsync("survives", "before");
        (await subscription.Messages.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).PayloadText.ShouldBe("before");

        await server.RestartAsync();

        // Publish until a subscriber is back on the server: PUBLISH returns the number of receivers.
        await using var publisher = await RespClient.ConnectAsync(server.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await publisher.PublishAsync("survives", "after") == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the subscription was not restored");
            await Task.Delay(20);
        }

        (await subscription.Messages.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).PayloadText.ShouldBe("after");
    }

    [Fact]
    public async Task Dispose_LastSubscription_UnsubscribesOnTheServer()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await RespClient.ConnectAsync(server.ConnectionString);
        var first = await client.SubscribeAsync("shared");
        var second = await client.SubscribeAsync("shared");
        (await client.ExecuteAsync("PUBSUB", "NUMSUB", "shared")).Items[1].AsInt64().ShouldBe(1);

        await first.DisposeAsync();
        (await client.ExecuteAsync("PUBSUB", "NUMSUB", "shared")).Items[1].AsInt64().ShouldBe(1);

        await second.DisposeAsync();
        (await client.ExecuteAsync("PUBSUB", "NUMSUB", "shared")).Items[1].AsInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Handler_ThatThrows_LaterMessagesStillArrive()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await RespClient.ConnectAsync(server.ConnectionString);
        var received = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await client.SubscribeAsync("handled", message =>
        {
            received.Add(message.PayloadText);
            if (message.PayloadText == "boom")
            {
                throw new InvalidOperationException("handler failure");
            }

            if (message.PayloadText == "last")
            {
                done.SetResult();
            }

            return Task.CompletedTask;
        });

        await client.PublishAsync("handled", "boom");
        await client.PublishAsync("handled", "last");
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));

        received.ShouldBe(["boom", "last"]);
    }

    private static Task<RespClient> ConnectAsync(RedisServer server, RespProtocol protocol)
    {
        var options = RespClientOptions.Parse(server.ConnectionString);
        options.Protocol = protocol;
        return RespClient.ConnectAsync(options);
    }
}
