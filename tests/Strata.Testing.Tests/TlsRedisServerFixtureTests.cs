namespace Strata.Testing.Tests;

public sealed class TlsRedisServerFixtureTests(TlsRedisServerFixture fixture) : IClassFixture<TlsRedisServerFixture>
{
    [Fact]
    public async Task DerivedFixture_TlsOptions_ServerAnswersTlsPing()
    {
        await using var connection = await RawRespConnection.ConnectAsync(
            fixture.Server.Port, TestCertificates.Shared.CreateClientAuthenticationOptions());

        (await connection.CommandAsync("PING")).ShouldBe("+PONG");
    }
}
