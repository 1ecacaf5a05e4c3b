using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Testing;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Tests;

/// <summary>The standalone supplier as a real process: <c>dotnet TravelDesk.Supplier.dll --urls ...</c>.</summary>
public sealed class ProgramTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Main_ListensOnTheGivenUrl_ReadsEnvironmentAndCommandLine_SameDataAsInProcess()
    {
        var port = PortAllocator.Next();
        using var process = Start(
            ["--urls", $"http://127.0.0.1:{port}", "--Supplier:LatencyScale", "0", "--Supplier:ErrorRate", "0"],
            ("SUPPLIER__SEARCHESPERMINUTE", "17"));
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            while (line is not null && !line.Contains("listening on", StringComparison.Ordinal));

            if (line is null)
            {
                Assert.Fail("The supplier exited before listening: " + await process.StandardError.ReadToEndAsync(timeout.Token));
            }

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var airport = await http.GetFromJsonAsync<Airport>("/airports/LAX", SupplierJson.Options);
            var stats = await http.GetFromJsonAsync<SupplierStats>("/stats", SupplierJson.Options);
            var query = Queries.Flights(TimeProvider.System);
            var remote = await http.GetFromJsonAsync<JsonElement>(query);
            await using var local = await SupplierHost.StartAsync();
            var inProcess = await local.Client.GetFromJsonAsync<JsonElement>(query);

            airport!.CityCode.ShouldBe("LAX");
            stats!.SearchesPerMinute.ShouldBe(17);
            stats.Control.ShouldBe(new SupplierControl(0, false));
            remote.GetProperty("offers").GetRawText().ShouldBe(inProcess.GetProperty("offers").GetRawText(), "seed 42 in both processes");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Main_InvalidSetting_ExitsWithCode1NamingIt()
    {
        using var process = Start(["--urls", $"http://127.0.0.1:{PortAllocator.Next()}", "--Supplier:ErrorRate", "1.5"]);
        using var timeout = new CancellationTokenSource(StartTimeout);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);

        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.ExitCode.ShouldBe(1, await stdout);
        (await stderr).ShouldContain("Supplier:ErrorRate must be between 0 and 1, was 1.5");
    }

    private static Process Start(string[] arguments, params (string Name, string Value)[] environment)
    {
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TravelDesk.Supplier.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Only what the test sets: settings leaking from the test runner's environment would change the answers.
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("SUPPLIER__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
