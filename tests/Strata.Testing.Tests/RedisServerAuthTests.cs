namespace Strata.Testing.Tests;

public sealed class RedisServerAuthTests
{
    // Spaces and quotes prove the config file quoting.
    private const string AlicePassword = "s3cret with \"quotes\" and spaces";

    [Fact]
    public async Task Acl_UserWithPassword_CanAuthenticate()
    {
        var options = new RedisServerOptions();
        options.AclUsers.Add(new RedisAclUser("alice", AlicePassword));
        await using var server = await RedisServer.StartAsync(options);

        await using var connection = await RawRespConnection.ConnectAsync(server.Port);

        (await connection.CommandAsync("AUTH", "alice", AlicePassword)).ShouldBe("+OK");
        (await connection.CommandAsync("ACL", "WHOAMI")).ShouldBe("$5");
        (await connection.ReadLineAsync()).ShouldBe("alice");
    }

    [Fact]
    public async Task Acl_WrongPassword_IsRejected()
    {
        var options = new RedisServerOptions();
        options.AclUsers.Add(new RedisAclUser("alice", AlicePassword));
        await using var server = await RedisServer.StartAsync(options);

        await using var connection = await RawRespConnection.ConnectAsync(server.Port);

        (await connection.CommandAsync("AUTH", "alice", "wrong")).ShouldStartWith("-WRONGPASS");
    }

    [Fact]
    public async Task Acl_RestrictedRules_DeniesOtherCommands()
    {
        var options = new RedisServerOptions();
        options.AclUsers.Add(new RedisAclUser("reader", "pw", "~* +get +ping"));
        await using var server = await RedisServer.StartAsync(options);

        await using var connection = await RawRespConnection.ConnectAsync(server.Port);
        (await connection.CommandAsync("AUTH", "reader", "pw")).ShouldBe("+OK");

        (await connection.CommandAsync("SET", "k", "v")).ShouldStartWith("-NOPERM");
    }

    [Fact]
    public async Task Acl_ConnectAs_ConnectionStringAndCliUseThatUser()
    {
        var options = new RedisServerOptions { ConnectAs = "alice" };
        options.AclUsers.Add(new RedisAclUser("alice", "p@ss:word"));
        await using var server = await RedisServer.StartAsync(options);

        server.ConnectionString.ShouldBe($"redis://alice:p%40ss%3Aword@127.0.0.1:{server.Port}");
        (await server.CliAsync("ACL", "WHOAMI")).ShouldBe("alice");
    }

    [Fact]
    public async Task StartAsync_ConnectAsUnknownUser_Throws()
    {
        var options = new RedisServerOptions { ConnectAs = "nobody" };

        await Should.ThrowAsync<ArgumentException>(() => RedisServer.StartAsync(options));
    }

    [Fact]
    public async Task RequirePass_UnauthenticatedClient_IsRejected()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerOptions { RequirePass = "topsecret" });

        await using var connection = await RawRespConnection.ConnectAsync(server.Port);

        (await connection.CommandAsync("PING")).ShouldStartWith("-NOAUTH");
        (await connection.CommandAsync("AUTH", "topsecret")).ShouldBe("+OK");
        (await connection.CommandAsync("PING")).ShouldBe("+PONG");
        server.ConnectionString.ShouldBe($"redis://:topsecret@127.0.0.1:{server.Port}");
        (await server.CliAsync("PING")).ShouldBe("PONG");
    }
}
