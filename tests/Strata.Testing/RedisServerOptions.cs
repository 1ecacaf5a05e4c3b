namespace Strata.Testing;

/// <summary>How a test <see cref="RedisServer"/> is configured. Every server is loopback-only and keeps no data on disk.</summary>
public sealed class RedisServerOptions
{
    /// <summary>
    /// Serve TLS only (<c>--tls-port N --port 0</c>) with the <see cref="TestCertificates.Shared"/> server certificate.
    /// Client certificates are optional (<c>tls-auth-clients optional</c>) but verified against the test CA when sent.
    /// Default <see langword="false"/>.
    /// </summary>
    public bool Tls { get; set; }

    /// <summary>Extra ACL users; default none. The default user stays enabled (with <see cref="RequirePass"/> if set).</summary>
    public IList<RedisAclUser> AclUsers { get; } = [];

    /// <summary>Password of the <c>default</c> user (<c>requirepass</c>); default <see langword="null"/> (no password).</summary>
    public string? RequirePass { get; set; }

    /// <summary>
    /// The name of one of <see cref="AclUsers"/> that <see cref="RedisServer.ConnectionString"/>,
    /// <see cref="RedisServer.CliAsync(string[])"/> and the readiness probe authenticate as. Default
    /// <see langword="null"/>: the default user (with <see cref="RequirePass"/> when set).
    /// </summary>
    public string? ConnectAs { get; set; }

    /// <summary>
    /// Simulates a RESP2-only server. Redis 7 always understands HELLO, so the command is removed with
    /// <c>rename-command HELLO ""</c>: HELLO then fails with <c>ERR unknown command</c>, exactly as an old
    /// server answers, which drives the client's "server refuses HELLO, stay on RESP2" path. Default <see langword="false"/>.
    /// </summary>
    public bool Resp2Only { get; set; }

    /// <summary>Allow DEBUG (e.g. <c>DEBUG SLEEP</c>) from loopback connections; default <see langword="true"/>.</summary>
    public bool EnableDebugCommand { get; set; } = true;

    /// <summary>
    /// Extra command-line arguments appended after the generated ones, e.g. <c>["--maxmemory", "10mb"]</c>; they
    /// override the config file. Default none.
    /// </summary>
    public IList<string> ExtraArgs { get; } = [];

    /// <summary>How long a start or restart may take until the server answers PING; default 15 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The server executable, looked up on PATH by default; default <c>redis-server</c>.</summary>
    public string ServerPath { get; set; } = "redis-server";

    /// <summary>The CLI executable used by <see cref="RedisServer.CliAsync(string[])"/>; default <c>redis-cli</c>.</summary>
    public string CliPath { get; set; } = "redis-cli";

    internal RedisServerOptions Clone()
    {
        // A snapshot, so a caller editing its options after the start cannot change a running server's view of itself.
        var copy = new RedisServerOptions
        {
            Tls = Tls,
            RequirePass = RequirePass,
            ConnectAs = ConnectAs,
            Resp2Only = Resp2Only,
            EnableDebugCommand = EnableDebugCommand,
            StartTimeout = StartTimeout,
            ServerPath = ServerPath,
            CliPath = CliPath,
        };
        foreach (var user in AclUsers)
        {
            copy.AclUsers.Add(user);
        }

        foreach (var argument in ExtraArgs)
        {
            copy.ExtraArgs.Add(argument);
        }

        return copy;
    }
}
