using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Strata.Testing;

/// <summary>
/// A real <c>redis-server</c> child process on a free loopback port, with its own temp directory, for integration
/// and chaos tests. Start with <see cref="StartAsync"/>; dispose to stop it (by process id) and delete the directory.
/// Nothing is persisted: <c>save ""</c>, <c>appendonly no</c>, so a restart comes back empty.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string AddressInUse = "Address already in use";

    // Servers still running when the test host exits (a crashed fixture, a test that forgot to dispose) are
    // killed here so no redis-server outlives the run.
    private static readonly ConcurrentDictionary<RedisServer, byte> Running = new();

    private readonly RedisServerOptions _options;
    private readonly DirectoryInfo _directory;
    private readonly string _configPath;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private Process? _process;
    private ProcessOutput _output = new();
    private bool _disposed;

    static RedisServer()
    {
        AppDomain.CurrentDomain.ProcessExit += static (_, _) =>
        {
            foreach (var server in Running.Keys)
            {
                server.KillOnExit();
            }
        };
    }

    private RedisServer(RedisServerOptions options, DirectoryInfo directory)
    {
        _options = options;
        _directory = directory;
        _configPath = Path.Combine(directory.FullName, "redis.conf");
        (User, Password) = ResolveCredentials(options);
        File.WriteAllText(_configPath, BuildConfig(options, directory.FullName));
    }

    /// <summary>Always <c>127.0.0.1</c>: servers bind to loopback only.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The port clients connect to; with <see cref="RedisServerOptions.Tls"/> this is the TLS port (there is no plain port).</summary>
    public int Port { get; private set; }

    /// <summary>The TLS port (equal to <see cref="Port"/>) when the server serves TLS, otherwise <see langword="null"/>.</summary>
    public int? TlsPort => _options.Tls ? Port : null;

    public bool IsTls => _options.Tls;

    /// <summary>The user <see cref="ConnectionString"/> and <see cref="CliAsync(string[])"/> authenticate as, if any.</summary>
    public string? User { get; }

    /// <summary>The password <see cref="ConnectionString"/> and <see cref="CliAsync(string[])"/> use, if any.</summary>
    public string? Password { get; }

    /// <summary>
    /// <c>redis://127.0.0.1:PORT</c> (<c>rediss://</c> for TLS), with <c>user:password@</c> for
    /// <see cref="RedisServerOptions.ConnectAs"/> or <c>:password@</c> for <see cref="RedisServerOptions.RequirePass"/>.
    /// </summary>
    public string ConnectionString => ConnectionStringFor(User, Password);

    /// <summary>The id of the current redis-server process; it changes on <see cref="RestartAsync"/>.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The server has not been started.");

    /// <summary>The server's working directory (config file, <c>dir</c>); deleted on dispose.</summary>
    public string DataDirectory => _directory.FullName;

    /// <summary>Whether the process is alive (a paused process counts as running).</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The last lines the current process logged, for assertions and failure messages.</summary>
    public string RecentLog => _output.Tail();

    /// <summary>Starts a server and waits until it answers PING.</summary>
    /// <exception cref="RedisServerException">The server did not start or answer within <see cref="RedisServerOptions.StartTimeout"/>.</exception>
    public static async Task<RedisServer> StartAsync(RedisServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? new RedisServerOptions()).Clone();
        Validate(options);
        var server = new RedisServer(options, Directory.CreateTempSubdirectory("strata-redis-"));
        try
        {
            await server.StartOnFreePortAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection string for this server with other credentials, e.g. a second ACL user.</summary>
    public string ConnectionStringFor(string? user, string? password)
    {
        var builder = new StringBuilder(_options.Tls ? "rediss://" : "redis://");
        if (user is not null || password is not null)
        {
            builder.Append(Uri.EscapeDataString(user ?? string.Empty));
            if (password is not null)
            {
                builder.Append(':').Append(Uri.EscapeDataString(password));
            }

            builder.Append('@');
        }

        return builder.Append(Host).Append(':').Append(Port.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>SIGKILLs the server (no shutdown, no goodbye to clients) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await KillCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Starts the server again on the SAME port (killing it first if it still runs) and waits for PING. Data is gone.
    /// Retries the bind until <see cref="RedisServerOptions.StartTimeout"/> in case the port is briefly unavailable.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await KillCoreAsync().ConfigureAwait(false);
            var deadline = Stopwatch.GetTimestamp() + (long)(_options.StartTimeout.TotalSeconds * Stopwatch.Frequency);
            while (!await TryLaunchAsync(Port, cancellationToken).ConfigureAwait(false))
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new RedisServerException($"redis-server could not bind port {Port} again.", _output.Tail());
                }

                // The port is held by something else for a moment (another socket grabbed it); back off and retry.
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>SIGSTOPs the server: connections stay open, nothing is answered until <see cref="Resume"/>.</summary>
    public void Pause() => UnixSignals.Stop(RunningProcess().Id);

    /// <summary>SIGCONTs a paused server; queued commands are then answered.</summary>
    public void Resume() => UnixSignals.Continue(RunningProcess().Id);

    /// <summary>
    /// Runs <c>redis-cli</c> against this server (with TLS and credentials as configured) and returns its stdout
    /// without the final newline. Error replies come back as text (<c>ERR ...</c>), as redis-cli prints them.
    /// </summary>
    /// <exception cref="RedisServerException">redis-cli failed, e.g. could not connect.</exception>
    public Task<string> CliAsync(params string[] args) => CliAsync(args, CancellationToken.None);

    /// <inheritdoc cref="CliAsync(string[])"/>
    public async Task<string> CliAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        List<string> arguments = ["-h", Host, "-p", Port.ToString(CultureInfo.InvariantCulture)];
        if (_options.Tls)
        {
            arguments.AddRange(["--tls", "--cacert", TestCertificates.Shared.CaCertificatePath]);
        }

        if (User is not null)
        {
            arguments.AddRange(["--user", User]);
        }

        if (Password is not null)
        {
            arguments.AddRange(["--pass", Password, "--no-auth-warning"]);
        }

        var commandStart = arguments.Count;
        arguments.AddRange(args);
        var result = await ExternalCommand
            .RunAsync(_options.CliPath, arguments, TimeSpan.FromSeconds(30), cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new RedisServerException(
                $"redis-cli {string.Join(' ', arguments.Skip(commandStart))} failed with exit code {result.ExitCode}: " +
                $"{result.StandardError.Trim()} {result.StandardOutput.Trim()}");
        }

        return result.StandardOutput.TrimEnd('\n', '\r');
    }

    /// <summary>Kills the server and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await KillCoreAsync().ConfigureAwait(false);
            _process?.Dispose();
            Running.TryRemove(this, out _);
            try
            {
                _directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp dir is harmless and must not fail a test's teardown.
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private static void Validate(RedisServerOptions options)
    {
        if (options.StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "StartTimeout must be positive.");
        }

        if (options.ConnectAs is { } name && !options.AclUsers.Any(u => u.Name == name))
        {
            throw new ArgumentException($"ConnectAs '{name}' is not one of the AclUsers.", nameof(options));
        }

        foreach (var user in options.AclUsers)
        {
            if (string.IsNullOrWhiteSpace(user.Name) || user.Name.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"ACL user name '{user.Name}' must be non-empty without spaces.", nameof(options));
            }
        }
    }

    private static (string? User, string? Password) ResolveCredentials(RedisServerOptions options)
    {
        if (options.ConnectAs is { } name)
        {
            var user = options.AclUsers.First(u => u.Name == name);
            return (user.Name, user.Password);
        }

        return (null, options.RequirePass);
    }

    private static string BuildConfig(RedisServerOptions options, string directory)
    {
        // The port is not here but on the command line, so a restart can reuse the file for the same port and a
        // retried first start can pick a new one.
        var config = new StringBuilder()
            .AppendLine("bind 127.0.0.1")
            .AppendLine("protected-mode no")
            .AppendLine("daemonize no")
            .AppendLine("save \"\"")
            .AppendLine("appendonly no")
            .AppendLine(CultureInfo.InvariantCulture, $"dir {Quote(directory)}")
            // Empty logfile = log to stdout, which the fixture captures for failure messages.
            .AppendLine("logfile \"\"")
            .AppendLine(CultureInfo.InvariantCulture, $"enable-debug-command {(options.EnableDebugCommand ? "local" : "no")}");

        if (options.Tls)
        {
            var certificates = TestCertificates.Shared;
            config
                .AppendLine(CultureInfo.InvariantCulture, $"tls-cert-file {Quote(certificates.ServerCertificatePath)}")
                .AppendLine(CultureInfo.InvariantCulture, $"tls-key-file {Quote(certificates.ServerKeyPath)}")
                .AppendLine(CultureInfo.InvariantCulture, $"tls-ca-cert-file {Quote(certificates.CaCertificatePath)}")
                .AppendLine("tls-auth-clients optional");
        }

        if (options.Resp2Only)
        {
            // Redis 7 always speaks RESP3; removing HELLO makes it answer like a RESP2-only server.
            config.AppendLine("rename-command HELLO \"\"");
        }

        if (options.RequirePass is { } requirePass)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"requirepass {Quote(requirePass)}");
        }

        foreach (var user in options.AclUsers)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"user {user.Name} on {Quote(">" + user.Password)} {user.Rules}");
        }

        return config.ToString();
    }

    // Redis config values in double quotes take C-like escapes; this keeps paths and passwords with spaces intact.
    private static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                '\r' => builder.Append(@"\r"),
                '\t' => builder.Append(@"\t"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    private async Task StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        const int Attempts = 5;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // Between picking the port and redis binding it, another process may take it; then pick another.
            if (await TryLaunchAsync(PortAllocator.Next(), cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new RedisServerException($"redis-server found no free port in {Attempts} attempts.", _output.Tail());
    }

    /// <summary>Starts the process on <paramref name="port"/>; false when the port was taken, throws on any other failure.</summary>
    private async Task<bool> TryLaunchAsync(int port, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(_options.ServerPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory.FullName,
        };
        startInfo.ArgumentList.Add(_configPath);
        var portText = port.ToString(CultureInfo.InvariantCulture);
        if (_options.Tls)
        {
            startInfo.ArgumentList.Add("--port");
            startInfo.ArgumentList.Add("0");
            startInfo.ArgumentList.Add("--tls-port");
            startInfo.ArgumentList.Add(portText);
        }
        else
        {
            startInfo.ArgumentList.Add("--port");
            startInfo.ArgumentList.Add(portText);
        }

        foreach (var argument in _options.ExtraArgs)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new ProcessOutput();
        var process = new Process { StartInfo = startInfo };
        output.Attach(process);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new RedisServerException(
                $"Could not start '{_options.ServerPath}' ({ex.Message}). Install it: apt-get install -y redis-server.",
                string.Empty,
                ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process?.Dispose();
        _process = process;
        _output = output;
        Port = port;
        Running.TryAdd(this, 0);

        var deadline = Stopwatch.GetTimestamp() + (long)(_options.StartTimeout.TotalSeconds * Stopwatch.Frequency);
        string? notReady = "not probed yet";
        while (true)
        {
            if (process.HasExited)
            {
                // Let the async readers drain so the log below is complete.
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (output.Contains(AddressInUse))
                {
                    return false;
                }

                throw new RedisServerException(
                    $"redis-server exited with code {process.ExitCode} during start on port {port}.", output.Tail());
            }

            notReady = await RespProbe
                .PingAsync(port, _options.Tls, User, Password, TimeSpan.FromSeconds(2), cancellationToken)
                .ConfigureAwait(false);
            if (notReady is null)
            {
                return true;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                await KillCoreAsync().ConfigureAwait(false);
                throw new RedisServerException(
                    $"redis-server on port {port} did not answer PING within {_options.StartTimeout.TotalSeconds:0.#} s " +
                    $"(last probe: {notReady}).",
                    output.Tail());
            }

            // Polling a child process that has no readiness signal; the server is usually up within tens of ms.
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task KillCoreAsync()
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }

        try
        {
            // Only the process we started, by its handle: never by name.
            process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
    }

    private Process RunningProcess()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var process = _process;
        return process is { HasExited: false } ? process : throw new InvalidOperationException("The server is not running.");
    }

    private void KillOnExit()
    {
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: false);
            }

            _directory.Delete(recursive: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or Win32Exception)
        {
            // The process is going away anyway; nothing more to do.
        }
    }
}
