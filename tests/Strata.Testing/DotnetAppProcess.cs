using System.Diagnostics;

namespace Strata.Testing;

/// <summary>
/// A .NET application of this repository started as a real process (<c>dotnet App.dll args</c>), for tests of what a
/// user runs: it waits until the output shows a ready line, keeps the last lines for failure messages, and stops by
/// process id (SIGTERM, then kill). Find the binary with <see cref="BuiltAssembly"/>.
/// </summary>
public sealed class DotnetAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output = new(400);

    private DotnetAppProcess(Process process)
    {
        _process = process;
        // A test host that exits without disposing (a failed fixture, Ctrl-C) must not leave the app running.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote (stdout and stderr).</summary>
    public string RecentOutput => _output.Tail(80);

    public bool OutputContains(string text) => _output.Contains(text);

    /// <summary>Starts <paramref name="assemblyPath"/> and waits until a line contains <paramref name="readyText"/>.</summary>
    public static async Task<DotnetAppProcess> StartAsync(
        string assemblyPath,
        IEnumerable<string> arguments,
        string workingDirectory,
        string readyText,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assemblyPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A test's own environment (ASPNETCORE_*, DOTNET_ENVIRONMENT) must not leak into the app under test.
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new DotnetAppProcess(process);
        app._output.Attach(process);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start dotnet {assemblyPath}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (!app._output.Contains(readyText))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{Path.GetFileName(assemblyPath)} exited with code {process.ExitCode} before it was ready:{Environment.NewLine}{app.RecentOutput}");
            }

            if (deadline.Elapsed > limit)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw new TimeoutException(
                    $"{Path.GetFileName(assemblyPath)} did not print '{readyText}' within {limit}:{Environment.NewLine}{app.RecentOutput}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return app;
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits; kills it if it has not exited in <paramref name="grace"/>.</summary>
    public async Task<int> StopAsync(TimeSpan? grace = null)
    {
        if (!_process.HasExited)
        {
            try
            {
                UnixSignals.Terminate(_process.Id);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }

            using var wait = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        await StopAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
