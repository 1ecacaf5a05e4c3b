using Microsoft.Extensions.Options;

namespace TravelDesk.Supplier;

/// <summary>
/// Runs the simulated supplier inside TravelDesk's process when no <c>TravelDesk:Supplier:Url</c> is set, on a free
/// loopback port, so the main command needs nothing else running. It is still reached over HTTP, through the same
/// client and outgoing limiter as a remote supplier.
/// </summary>
internal sealed class EmbeddedSupplierHost : IHostedService, IAsyncDisposable
{
    private readonly SupplierAddress _address;
    private readonly IOptions<SupplierOptions> _options;
    private readonly ILoggerFactory _logs;
    private WebApplication? _app;

    public EmbeddedSupplierHost(SupplierAddress address, IOptions<SupplierOptions> options, ILoggerFactory logs)
    {
        _address = address;
        _options = options;
        _logs = logs;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _app = SupplierApplication.Create(_options.Value, "http://127.0.0.1:0", loggerFactory: _logs);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        _address.Started(SupplierAddress.WithTrailingSlash(SupplierApplication.GetBoundAddress(_app)));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
