namespace Strata.Testing.Tests;

public sealed class RedisServerProtocolTests
{
    [Fact]
    public async Task Resp2Only_ServerRefusesHello()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Resp2Only = true });

        await using var connection = await RawRespConnection.ConnectAsync(server.Port);

        (await connection.CommandAsync("HELLO", "3")).ShouldStartWith("-ERR unknown command");
        (await connection.CommandAsync("PING")).ShouldBe("+PONG");
    }

    [Fact]
    public async Task Hello_DefaultOptions_SwitchesToResp3()
    {
        await using var server = await RedisServer.StartAsync();

        await using var connection = await RawRespConnection.ConnectAsync(server.Port);

        // A RESP3 map header.
        (await connection.CommandAsync("HELLO", "3")).ShouldStartWith("%");
    }
}
