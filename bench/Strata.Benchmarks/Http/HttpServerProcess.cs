using System.Diagnostics;
using System.Globalization;

namespace Strata.Benchmarks.Http;

/// <summary>
/// One <see cref="HttpBenchServer"/> in its own process (this executable, mode <c>http-server</c>), so the server's
/// CPU time, allocations and collections are apart from the load generator's. Disposing it closes the server's
/// standard input (a graceful stop) and kills it by process id if it has not exited after a few seconds.
/// </summary>
internal sealed class HttpServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;

    private HttpServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        // A runner that dies without disposing must not leave a server behind (the server also stops when its
        // standard input closes, which the runner's death does).
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<HttpServerProcess> StartAsync(HttpServerConfiguration configuration, string host, int port, int? redisPort)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The runner's executable path is unknown.");
        var info = new ProcessStartInfo(self)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(typeof(HttpServerProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "http-server", "--config", configuration.Name, "--host", host, "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        if (redisPort is { } redis)
        {
            info.ArgumentList.Add("--redis-port");
            info.ArgumentList.Add(redis.ToString(CultureInfo.InvariantCulture));
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                // End of output: the server is exiting, and Exited below reports how.
            }
            else if (e.Data == HttpBenchServer.ReadyLine)
            {
                ready.TrySetResult();
            }
            else
            {
                // Anything else the server prints belongs with the runner's diagnostics, not its results.
                Console.Error.WriteLine($"[http-server {configuration}] {e.Data}");
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"http-server ({configuration}) exited with code {process.ExitCode} before it was ready (port {port} taken?)."));
        process.Start();
        process.BeginOutputReadLine();
        var server = new HttpServerProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/")));
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads <c>/_stats</c> (through <paramref name="client"/>, not the load generator's connections).</summary>
    public async Task<HttpServerStats> ReadStatsAsync(HttpClient client) =>
        HttpServerStats.Parse(await client.GetStringAsync(new Uri(BaseAddress, HttpBenchServer.StatsPath)));

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
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

    private void OnProcessExit(object? sender, EventArgs e) => Kill();

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
}
