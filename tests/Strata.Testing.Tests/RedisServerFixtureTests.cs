namespace Strata.Testing.Tests;

public sealed class RedisServerFixtureTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Fixture_Initialized_ServerAnswersPing()
    {
        await using var connection = await RawRespConnection.ConnectAsync(fixture.Server.Port);

        (await connection.CommandAsync("PING")).ShouldBe("+PONG");
        fixture.ConnectionString.ShouldBe(fixture.Server.ConnectionString);
    }
}
