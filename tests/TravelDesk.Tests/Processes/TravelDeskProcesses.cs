using System.Globalization;
using Strata.Testing;

namespace TravelDesk.Tests.Processes;

/// <summary>Starts the built TravelDesk and supplier as real processes on free loopback ports.</summary>
internal static class TravelDeskProcesses
{
    public const string AdminKey = "process-admin-key-0123456789abcdef";

    public const string TravelDeskReady = "TravelDesk is listening on";

    public const string SupplierReady = "Travel supplier listening on";

    public static async Task<(DotnetAppProcess Process, HttpClient Client)> StartTravelDeskAsync(string workingDirectory, params string[] settings)
    {
        var port = PortAllocator.Next();
        var process = await DotnetAppProcess.StartAsync(
            BuiltAssembly.Path("samples/TravelDesk", "TravelDesk"),
            [$"--urls=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", .. settings],
            workingDirectory,
            TravelDeskReady,
            timeout: TimeSpan.FromSeconds(90));
        return (process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) });
    }

    public static async Task<(DotnetAppProcess Process, string Url)> StartSupplierAsync(string workingDirectory, params string[] settings)
    {
        var port = PortAllocator.Next();
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var process = await DotnetAppProcess.StartAsync(
            BuiltAssembly.Path("samples/TravelDesk.Supplier", "TravelDesk.Supplier"),
            [$"--urls={url}", .. settings],
            workingDirectory,
            SupplierReady,
            timeout: TimeSpan.FromSeconds(60));
        return (process, url);
    }
}
