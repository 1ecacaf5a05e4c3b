namespace Strata.Testing.Tests;

public sealed class RedisServerTlsTests
{
    [Fact]
    public async Task Tls_ServerWithCertificates_AcceptsTlsClient()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Tls = true });

        await using var connection = await RawRespConnection.ConnectAsync(
            server.Port, TestCertificates.Shared.CreateClientAuthenticationOptions("localhost"));

        (await connection.CommandAsync("PING")).ShouldBe("+PONG");
        server.TlsPort.ShouldBe(server.Port);
        server.ConnectionString.ShouldBe($"rediss://127.0.0.1:{server.Port}");
    }

    [Fact]
    public async Task Tls_ClientPresentsCertificate_ServerAccepts()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Tls = true });

        await using var connection = await RawRespConnection.ConnectAsync(
            server.Port, TestCertificates.Shared.CreateClientAuthenticationOptions(presentClientCertificate: true));

        (await connection.CommandAsync("PING")).ShouldBe("+PONG");
    }

    [Fact]
    public async Task Tls_PlainClient_GetsNoReply()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Tls = true });

        await using var connection = await RawRespConnection.ConnectAsync(server.Port);

        // The server reads the plaintext as a broken TLS handshake and drops the connection.
        await Should.ThrowAsync<IOException>(() => connection.CommandAsync("PING").WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Tls_CliAsync_AnswersPing()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Tls = true });

        (await server.CliAsync("PING")).ShouldBe("PONG");
    }

    [Fact]
    public async Task Tls_KillAndRestart_AnswersTlsPingAgain()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Tls = true });

        await server.KillAsync();
        await server.RestartAsync();

        await using var connection = await RawRespConnection.ConnectAsync(
            server.Port, TestCertificates.Shared.CreateClientAuthenticationOptions());
        (await connection.CommandAsync("PING")).ShouldBe("+PONG");
    }
}
