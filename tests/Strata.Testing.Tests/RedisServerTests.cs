using System.Diagnostics;
using System.Net.Sockets;

namespace Strata.Testing.Tests;

public sealed class RedisServerTests
{
    [Fact]
    public async Task Start_PlainServer_AnswersPing()
    {
        await using var server = await RedisServer.StartAsync();

        await using var connection = await RawRespConnection.ConnectAsync(server.Port);
        (await connection.CommandAsync("PING")).ShouldBe("+PONG");
        server.Host.ShouldBe("127.0.0.1");
        server.TlsPort.ShouldBeNull();
        server.IsRunning.ShouldBeTrue();
    }

    [Fact]
    public async Task ConnectionString_PlainServer_IsRedisUriWithPort()
    {
        await using var server = await RedisServer.StartAsync();

        server.ConnectionString.ShouldBe($"redis://127.0.0.1:{server.Port}");
    }

    [Fact]
    public async Task CliAsync_SetThenGet_ReturnsValue()
    {
        await using var server = await RedisServer.StartAsync();

        (await server.CliAsync("SET", "greeting", "hello world")).ShouldBe("OK");
        (await server.CliAsync("GET", "greeting")).ShouldBe("hello world");
    }

    [Fact]
    public async Task CliAsync_UnknownCommand_ReturnsErrorText()
    {
        await using var server = await RedisServer.StartAsync();

        (await server.CliAsync("NOSUCHCOMMAND")).ShouldStartWith("ERR unknown command");
    }

    [Fact]
    public async Task CliAsync_DefaultOptions_AllowsDebugCommand()
    {
        await using var server = await RedisServer.StartAsync();

        (await server.CliAsync("DEBUG", "SLEEP", "0")).ShouldBe("OK");
    }

    [Fact]
    public async Task StartAsync_TwoServers_UseDistinctPortsAndProcesses()
    {
        await using var first = await RedisServer.StartAsync();
        await using var second = await RedisServer.StartAsync();

        first.Port.ShouldNotBe(second.Port);
        first.ProcessId.ShouldNotBe(second.ProcessId);
        await first.CliAsync("SET", "only-here", "1");
        (await second.CliAsync("EXISTS", "only-here")).ShouldBe("0");
    }

    [Fact]
    public async Task StartAsync_ExtraArgs_AppliedToServer()
    {
        var options = new RedisServerOptions();
        options.ExtraArgs.Add("--maxmemory");
        options.ExtraArgs.Add("12mb");
        await using var server = await RedisServer.StartAsync(options);

        (await server.CliAsync("CONFIG", "GET", "maxmemory")).ShouldBe("maxmemory\n12582912");
    }

    [Fact]
    public async Task StartAsync_InvalidArgument_ThrowsWithServerLog()
    {
        var options = new RedisServerOptions();
        options.ExtraArgs.Add("--no-such-directive");
        options.ExtraArgs.Add("1");

        var error = await Should.ThrowAsync<RedisServerException>(() => RedisServer.StartAsync(options));

        error.LogTail.ShouldContain("no-such-directive");
    }

    [Fact]
    public async Task KillAsync_RunningServer_RefusesConnections()
    {
        await using var server = await RedisServer.StartAsync();

        await server.KillAsync();

        server.IsRunning.ShouldBeFalse();
        await Should.ThrowAsync<SocketException>(() => RawRespConnection.ConnectAsync(server.Port));
    }

    [Fact]
    public async Task KillAndRestart_SamePort_AnswersPingAgain()
    {
        await using var server = await RedisServer.StartAsync();
        var port = server.Port;
        var firstProcessId = server.ProcessId;
        await server.CliAsync("SET", "before-restart", "1");
        // A connection open across the kill, as a client's would be.
        await using var stale = await RawRespConnection.ConnectAsync(port);

        await server.KillAsync();
        await server.RestartAsync();

        server.Port.ShouldBe(port);
        server.ProcessId.ShouldNotBe(firstProcessId);
        await Should.ThrowAsync<IOException>(() => stale.CommandAsync("PING"));
        await using var fresh = await RawRespConnection.ConnectAsync(port);
        (await fresh.CommandAsync("PING")).ShouldBe("+PONG");
        (await server.CliAsync("EXISTS", "before-restart")).ShouldBe("0");
    }

    [Fact]
    public async Task RestartAsync_RunningServer_KillsAndStartsOnSamePort()
    {
        await using var server = await RedisServer.StartAsync();
        var port = server.Port;
        var firstProcessId = server.ProcessId;

        await server.RestartAsync();

        server.Port.ShouldBe(port);
        server.ProcessId.ShouldNotBe(firstProcessId);
        (await server.CliAsync("PING")).ShouldBe("PONG");
    }

    [Fact]
    public async Task PauseResume_PausedServer_AnswersQueuedPingOnlyAfterResume()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = await RawRespConnection.ConnectAsync(server.Port);

        server.Pause();
        await connection.SendAsync("PING");
        var reply = connection.ReadLineAsync();

        // Proving an absence needs a window; 300 ms is far beyond a loopback PING's microseconds.
        await Should.ThrowAsync<TimeoutException>(() => reply.WaitAsync(TimeSpan.FromMilliseconds(300)));
        server.Resume();
        (await reply.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("+PONG");
    }

    [Fact]
    public async Task DisposeAsync_PausedServer_StopsProcessAndDeletesDirectory()
    {
        var server = await RedisServer.StartAsync();
        var process = Process.GetProcessById(server.ProcessId);
        var directory = server.DataDirectory;
        server.Pause();

        await server.DisposeAsync();

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        process.HasExited.ShouldBeTrue();
        Directory.Exists(directory).ShouldBeFalse();
    }
}
