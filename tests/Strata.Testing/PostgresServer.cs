using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace Strata.Testing;

/// <summary>
/// A throw-away PostgreSQL server: initdb into a temporary folder, started with pg_ctl on a free loopback port with
/// trust authentication and durability off (fsync), stopped and deleted on dispose. initdb and postgres refuse to run
/// as root, so under root both run as the <c>postgres</c> user through runuser. Installs nothing: scripts/test.sh
/// installs Debian's postgresql package; without it this fails with a message saying so.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private const string TestDatabase = "strata_tests";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _binDirectory;
    private readonly DirectoryInfo _root;
    private readonly bool _asServiceUser;
    private int _schemas;

    private PostgresServer(string binDirectory, DirectoryInfo root, bool asServiceUser)
    {
        _binDirectory = binDirectory;
        _root = root;
        _asServiceUser = asServiceUser;
    }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_root.FullName, "data");

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/<version>/bin or on PATH. " +
            "Install Debian's 'postgresql' package (scripts/test.sh installs it) to run the PostgreSQL tests.");
        var root = Directory.CreateTempSubdirectory("strata-pg-");
        var server = new PostgresServer(bin, root, asServiceUser: GetEffectiveUserId() == 0);
        try
        {
            await server.InitializeAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Database = database,
        Timeout = 15,
    }.ConnectionString;

    /// <summary>
    /// A connection string for a new, empty schema (first on the search path) in the test database. Tests get one each,
    /// so they never see each other's writes; a schema costs a millisecond where a database costs a file copy.
    /// </summary>
    public async Task<string> CreateSchemaAsync()
    {
        var name = "schema_" + Interlocked.Increment(ref _schemas).ToString(CultureInfo.InvariantCulture);
        await using var connection = new NpgsqlConnection(ConnectionStringFor(TestDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionStringFor(TestDatabase)) { SearchPath = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(Path.Combine(DataDirectory, "base")))
        {
            var (exitCode, _) = await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"]);
            if (exitCode != 0)
            {
                KillPostmaster();
            }
        }

        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test run over.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task InitializeAsync()
    {
        if (_asServiceUser)
        {
            await EnsureSucceededAsync("chown", await RunCommandAsync("chown", [$"{ServiceUser}:{ServiceUser}", _root.FullName]));
        }

        await EnsureSucceededAsync("initdb", await RunAsync(
            "initdb", ["-D", DataDirectory, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]));

        // A port can be taken between choosing and binding it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = PortAllocator.Next();
            var settings = string.Join(' ',
                "-c listen_addresses=127.0.0.1",
                $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
                $"-c unix_socket_directories={_root.FullName}",
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            var result = await RunAsync(
                "pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_root.FullName, "server.log"), "-w", "-t", "30", "-o", settings, "start"]);
            if (result.ExitCode == 0)
            {
                break;
            }

            if (attempt == 3)
            {
                var log = Path.Combine(_root.FullName, "server.log");
                var tail = File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty;
                throw new InvalidOperationException($"pg_ctl start failed ({result.ExitCode}): {result.Output}\n{tail}");
            }
        }

        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {TestDatabase}", connection);
        await command.ExecuteNonQueryAsync();
    }

    private Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binDirectory, tool);
        return _asServiceUser
            ? RunCommandAsync("runuser", ["-u", ServiceUser, "--", path, .. arguments])
            : RunCommandAsync(path, arguments);
    }

    private async Task<(int ExitCode, string Output)> RunCommandAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var result = await ExternalCommand.RunAsync(fileName, arguments, CommandTimeout, CancellationToken.None, _root.FullName);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    private static Task EnsureSucceededAsync(string tool, (int ExitCode, string Output) result) =>
        result.ExitCode == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException($"{tool} failed with exit code {result.ExitCode}: {result.Output}");

    private void KillPostmaster()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile) &&
            int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }

    // The newest /usr/lib/postgresql/<version>/bin (Debian's layout), else initdb's folder on PATH.
    private static string? FindBinDirectory()
    {
        const string DebianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(DebianRoot))
        {
            var newest = Directory.GetDirectories(DebianRoot)
                .Select(static d => (Path: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(static d => File.Exists(Path.Combine(d.Path, "initdb")) && File.Exists(Path.Combine(d.Path, "pg_ctl")))
                .OrderByDescending(static d => d.Version)
                .FirstOrDefault();
            if (newest.Path is not null)
            {
                return newest.Path;
            }
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (directory.Length > 0 && File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                return directory;
            }
        }

        return null;
    }

    // DllImport rather than LibraryImport: the source-generated form needs AllowUnsafeBlocks for no gain here.
    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
