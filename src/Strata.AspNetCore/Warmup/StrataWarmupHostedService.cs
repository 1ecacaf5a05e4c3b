using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Warmup;

/// <summary>Starts the start-up run in the background (host start is not delayed) and owns the schedule's timer.</summary>
internal sealed class StrataWarmupHostedService(StrataWarmupService warmup, IOptions<StrataWarmupOptions> options, TimeProvider time)
    : IHostedService, IAsyncDisposable
{
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        warmup.BeginStartupRun();
        if (options.Value.Interval is { } interval)
        {
            _timer = time.CreateTimer(static state => ((StrataWarmupService)state!).BeginScheduledRun(), warmup, interval, interval);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync().ConfigureAwait(false);
        warmup.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _timer, null) is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
