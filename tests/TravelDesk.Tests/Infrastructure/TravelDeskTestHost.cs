using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TravelDesk.Supplier;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Tests.Infrastructure;

/// <summary>
/// TravelDesk in process on TestServer, with its embedded supplier on a loopback port, a SQLite file in a fresh temp
/// folder and no supplier latency (unless asked). Settings are passed as command-line arguments, as a user would.
/// </summary>
public sealed class TravelDeskTestHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    private readonly DirectoryInfo _directory;

    private TravelDeskTestHost(WebApplication app, DirectoryInfo directory)
    {
        App = app;
        _directory = directory;
        Client = app.GetTestClient();
        Supplier = new HttpClient { BaseAddress = app.Services.GetRequiredService<SupplierAddress>().BaseAddress };
    }

    public WebApplication App { get; }

    /// <summary>A client of TravelDesk.</summary>
    public HttpClient Client { get; }

    /// <summary>A client of the embedded supplier itself (its /stats and /control).</summary>
    public HttpClient Supplier { get; }

    public string DatabasePath => Path.Combine(_directory.FullName, "traveldesk.db");

    public static async Task<TravelDeskTestHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null, TimeProvider? time = null)
    {
        var directory = Directory.CreateTempSubdirectory("traveldesk-tests-");
        var all = new Dictionary<string, string>
        {
            ["TravelDesk:Database:ConnectionString"] = $"Data Source={Path.Combine(directory.FullName, "traveldesk.db")}",
            ["Strata:Admin:ApiKey"] = AdminKey,
            ["Supplier:LatencyScale"] = "0",
            ["Supplier:ErrorRate"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var app = TravelDeskApplication.Build(
            all.Select(pair => $"--{pair.Key}={pair.Value}").ToArray(),
            builder =>
            {
                builder.WebHost.UseTestServer();
                if (time is not null)
                {
                    builder.Services.AddSingleton(time);
                }
            });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            directory.Delete(recursive: true);
            throw;
        }

        var host = new TravelDeskTestHost(app, directory);
        await host.WaitUntilReadyAsync();
        return host;
    }

    /// <summary>Waits for /health/ready to stop answering 503: the start-up warm-up has finished, so its supplier
    /// calls cannot land in the middle of a test's counts.</summary>
    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await Client.GetAsync("/health/ready");
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("TravelDesk did not become ready within 30 s: " + await response.Content.ReadAsStringAsync());
            }

            await Task.Delay(20);
        }
    }

    public async Task<SupplierStats> SupplierStatsAsync() =>
        (await Supplier.GetFromJsonAsync<SupplierStats>("stats", TestJson.Options))!;

    /// <summary>Requests the supplier received for one operation (flights, hotels, ...).</summary>
    public async Task<SupplierOperationStats> SupplierOperationAsync(string operation) =>
        (await SupplierStatsAsync()).Operations.Single(o => o.Operation == operation);

    public async Task SetSupplierAsync(SupplierControl control)
    {
        using var response = await Supplier.PostAsJsonAsync("control", control, TestJson.Options);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Supplier.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pool on its way down; the temp folder is cleaned by the OS.
        }
    }
}
