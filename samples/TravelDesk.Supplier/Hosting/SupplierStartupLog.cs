using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using TravelDesk.Supplier.Diagnostics;

namespace TravelDesk.Supplier.Hosting;

/// <summary>
/// Writes the supplier's one start-up line once the server listens, so it names the real address (port 0 resolved)
/// and the settings in force. Replaces the host's own "Now listening" lines, which the default filters hide.
/// </summary>
internal sealed class SupplierStartupLog(
    IHostApplicationLifetime lifetime,
    IServer server,
    IOptions<SupplierOptions> options,
    ILoggerFactory loggerFactory) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStarted.Register(static state => ((SupplierStartupLog)state!).Log(), this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }

    private void Log()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var settings = options.Value;
        SupplierLog.Started(
            loggerFactory.CreateLogger(SupplierLog.Category),
            addresses is { Count: > 0 } ? string.Join(", ", addresses) : "(in-memory test server)",
            settings.Seed,
            settings.SearchesPerMinute,
            settings.ErrorRate,
            settings.Outage,
            settings.LatencyScale);
    }
}
