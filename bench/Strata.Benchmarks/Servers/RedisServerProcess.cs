using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Strata.Benchmarks.Servers;

/// <summary>
/// A throwaway <c>redis-server</c> for benchmarks: loopback only, a free port, nothing persisted
/// (<c>--save "" --appendonly no</c>), its own temp directory; <see cref="Dispose"/> kills it by process id.
/// </summary>
/// <remarks>
/// Deliberately smaller than the tests' fixture (tests/Strata.Testing): benchmarks need no restarts, TLS or ACLs,
/// and must not pull xunit into the benchmark process.
/// </remarks>
internal sealed class RedisServerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private RedisServerProcess(Process process, DirectoryInfo directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
        // A benchmark process that dies without running its cleanup must not leave a server behind.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts a server and returns once it answers PING; retries another port if the bind fails.</summary>
    public static RedisServerProcess Start()
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var directory = Directory.CreateTempSubdirectory("strata-bench-redis-");
            var port = FreePort();
            var process = Launch(port, directory.FullName);
            try
            {
                WaitForPing(process, port);
                return new RedisServerProcess(process, directory, port);
            }
            catch (InvalidOperationException exception)
            {
                last = exception;
                Kill(process);
                process.Dispose();
                directory.Delete(recursive: true);
            }
        }

        throw new InvalidOperationException("redis-server did not start (is it installed? scripts/bench.sh installs it).", last);
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Kill(_process);
        _process.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Kill(_process);

    private static Process Launch(int port, string directory)
    {
        var info = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--daemonize", "no",
            "--dir", directory, "--logfile", Path.Combine(directory, "redis.log"),
        })
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
    }

    private static void WaitForPing(Process process, int port)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode} (port {port} taken?).");
            }

            try
            {
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(IPAddress.Loopback, port);
                socket.Send("PING\r\n"u8);
                var buffer = new byte[16];
                var read = socket.Receive(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read) == "+PONG\r\n")
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            Thread.Sleep(20);
        }

        throw new InvalidOperationException($"redis-server did not answer PING on port {port} within {StartTimeout.TotalSeconds} s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
