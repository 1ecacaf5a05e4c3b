using Strata.Testing;

namespace Strata.Resp.Tests.Integration;

/// <summary>TLS, ACL users, passwords, and the RESP2 fallback when the server refuses HELLO.</summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task Tls_TrustedPrivateCa_ConnectsAndRuns()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Tls = true });
        var options = RespClientOptions.Parse(server.ConnectionString);
        options.TlsServerName = "localhost";
        options.TlsTrustedCertificates.Add(TestCertificates.Shared.LoadCaCertificate());
        options.ClientName = "tls-client";
        await using var client = await RespClient.ConnectAsync(options);

        options.UseTls.ShouldBeTrue();
        await client.SetAsync("tls", "secure");
        (await client.GetAsync("tls")).ShouldBe("secure");
    }

    [Fact]
    public async Task Tls_WithClientCertificate_Connects()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Tls = true });
        var options = RespClientOptions.Parse(server.ConnectionString);
        options.TlsServerName = "localhost";
        options.TlsTrustedCertificates.Add(TestCertificates.Shared.LoadCaCertificate());
        options.TlsClientCertificate = TestCertificates.Shared.LoadClientCertificate();
        await using var client = await RespClient.ConnectAsync(options);

        (await client.PingAsync()).ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
    }

    [Fact]
    public async Task Tls_UntrustedServerCertificate_FailsWithClearError()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { Tls = true });
        var options = RespClientOptions.Parse(server.ConnectionString);
        options.TlsServerName = "localhost";
        options.ConnectTimeout = TimeSpan.FromSeconds(5);

        var error = await Should.ThrowAsync<RespConnectionException>(() => RespClient.ConnectAsync(options));

        error.Message.ShouldContain("TLS handshake");
    }

    [Theory]
    [InlineData(RespProtocol.Resp3)]
    [InlineData(RespProtocol.Resp2)]
    public async Task Acl_UserWithPassword_Authenticates(RespProtocol protocol)
    {
        var serverOptions = new RedisServerOptions { ConnectAs = "app" };
        serverOptions.AclUsers.Add(new RedisAclUser("app", "s3cret:with@chars"));
        await using var server = await RedisServer.StartAsync(serverOptions);
        var options = RespClientOptions.Parse(server.ConnectionString);
        options.Protocol = protocol;
        await using var client = await RespClient.ConnectAsync(options);

        options.User.ShouldBe("app");
        options.Password.ShouldBe("s3cret:with@chars");
        (await client.ExecuteAsync("ACL", "WHOAMI")).AsString().ShouldBe("app");
    }

    [Theory]
    [InlineData(RespProtocol.Resp3)]
    [InlineData(RespProtocol.Resp2)]
    public async Task Acl_WrongPassword_ThrowsAuthenticationError(RespProtocol protocol)
    {
        var serverOptions = new RedisServerOptions();
        serverOptions.AclUsers.Add(new RedisAclUser("app", "right"));
        await using var server = await RedisServer.StartAsync(serverOptions);
        var options = RespClientOptions.Parse(server.ConnectionStringFor("app", "wrong"));
        options.Protocol = protocol;

        var error = await Should.ThrowAsync<RespAuthenticationException>(() => RespClient.ConnectAsync(options));

        error.Message.ShouldContain("'app'");
        error.Message.ShouldContain("WRONGPASS");
    }

    [Fact]
    public async Task RequirePass_DefaultUserPassword_Authenticates()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { RequirePass = "pw" });
        await using var client = await RespClient.ConnectAsync(server.ConnectionString);

        (await client.ExecuteAsync("ACL", "WHOAMI")).AsString().ShouldBe("default");
    }

    [Fact]
    public async Task ServerRefusesHello_FallsBackToResp2WithAuthAndName()
    {
        var serverOptions = new RedisServerOptions { Resp2Only = true, ConnectAs = "app" };
        serverOptions.AclUsers.Add(new RedisAclUser("app", "pw"));
        await using var server = await RedisServer.StartAsync(serverOptions);
        var options = RespClientOptions.Parse(server.ConnectionString);
        options.ClientName = "fallback";
        await using var client = await RespClient.ConnectAsync(options);

        client.Protocol.ShouldBe(RespProtocol.Resp2);
        (await client.ExecuteAsync("CLIENT", "GETNAME")).AsString().ShouldBe("fallback");
        (await client.ExecuteAsync("ACL", "WHOAMI")).AsString().ShouldBe("app");
        await using var subscription = await client.SubscribeAsync("resp2-only");
        await client.PublishAsync("resp2-only", "works");
        (await subscription.Messages.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).PayloadText.ShouldBe("works");
    }
}
