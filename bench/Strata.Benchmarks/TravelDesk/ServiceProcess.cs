using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Strata.Benchmarks.TravelDesk;

/// <summary>
/// A sample service (<c>dotnet TravelDesk.dll</c>, <c>dotnet TravelDesk.Supplier.dll</c>) in its own process, started
/// by the runner and stopped by process id: SIGTERM first (a graceful ASP.NET Core shutdown), a kill after a grace
/// period. Its output is kept (the last lines) and shown only when it fails to start or exits early, so it never mixes
/// with the runner's results.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _readyText;
    private int _disposed;

    private ServiceProcess(string name, Process process, string readyText, Uri baseAddress)
    {
        Name = name;
        _process = process;
        _readyText = readyText;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts <c>dotnet <paramref name="assembly"/></c> listening on a free loopback port (passed as <c>--urls</c>) and
    /// waits for a line containing <paramref name="readyText"/>. A port another process grabbed between the probe and
    /// the bind makes the service exit; it is started again on another port, up to three times.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        string name, string assembly, IEnumerable<string> arguments, string readyText, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var fixedArguments = arguments.ToArray();
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            var info = new ProcessStartInfo(DotnetHost())
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory,
            };
            info.ArgumentList.Add(assembly);
            info.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
            foreach (var argument in fixedArguments)
            {
                info.ArgumentList.Add(argument);
            }

            // Loopback only, and no telemetry or first-run chatter in the child's output.
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";

            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            var service = new ServiceProcess(name, process, readyText, baseAddress);
            process.OutputDataReceived += (_, e) => service.OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => service.OnLine(e.Data);
            process.Exited += (_, _) => service._ready.TrySetException(new InvalidOperationException(
                $"{name} exited with code {process.ExitCode} before it was ready."));
            process.Start();
            AppDomain.CurrentDomain.ProcessExit += service.OnRunnerExit;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await service._ready.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
                return service;
            }
            catch (InvalidOperationException) when (attempt < 3 && process.HasExited)
            {
                // Most likely the port was taken after the probe; try another.
                await service.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is InvalidOperationException or TimeoutException)
            {
                var output = service.LastOutput();
                await service.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"{error.Message} Its last output:{Environment.NewLine}{output}", error);
            }
        }
    }

    /// <summary>The last lines the service printed (for a failure report).</summary>
    public string LastOutput()
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines.Select(l => $"  [{Name}] {l}"));
        }
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnRunnerExit;
        try
        {
            if (!_process.HasExited)
            {
                Terminate(_process.Id);
                using var grace = new CancellationTokenSource(StopGrace);
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Kill();
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }

        if (line.Contains(_readyText, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    // The runner is going away (Ctrl-C, an unhandled error): its services must not outlive it.
    private void OnRunnerExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void Terminate(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            Process.GetProcessById(processId).Kill();
            return;
        }

        // SIGTERM (15 on Linux and macOS); a process that is already gone (ESRCH) is fine.
        if (SendSignal(processId, 15) != 0 && Marshal.GetLastPInvokeError() != 3)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({processId}, SIGTERM) failed.");
        }
    }

    /// <summary>The dotnet host running this runner (so the services use the same runtime), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        return self is not null && string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal)
            ? self
            : "dotnet";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // DllImport rather than LibraryImport: the source-generated form needs AllowUnsafeBlocks for no gain here.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
