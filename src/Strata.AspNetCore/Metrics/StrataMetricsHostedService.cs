using Microsoft.Extensions.Hosting;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// Makes the collector listen from host start (resolving it is what starts its listener), and runs the dashboard
/// history while the host runs.
/// </summary>
internal sealed class StrataMetricsHostedService : IHostedService
{
    private readonly MetricsHistory _history;
    private readonly bool _historyEnabled;

    public StrataMetricsHostedService(StrataMetricsCollector collector, MetricsHistory history, StrataMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(collector);
        _history = history;
        _historyEnabled = options.EnableHistory;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_historyEnabled)
        {
            _history.Start();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _history.Stop();
        return Task.CompletedTask;
    }
}
