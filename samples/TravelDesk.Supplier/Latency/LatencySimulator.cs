using TravelDesk.Supplier.Simulation;
using TravelDesk.Supplier.Stats;
using static System.FormattableString;

namespace TravelDesk.Supplier.Latency;

/// <summary>
/// Simulated response times: a draw per request from the operation's distribution, times
/// <see cref="SupplierOptions.LatencyScale"/>, waited on the injected <see cref="TimeProvider"/> (so a manual clock
/// controls it, and scale 0 skips the wait entirely).
/// </summary>
internal sealed class LatencySimulator(SupplierOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly DeterministicRandom _random = DeterministicRandom.For(Invariant($"latency|{options.Seed}"));

    public TimeSpan Draw(SupplierOperation operation)
    {
        if (options.LatencyScale == 0)
        {
            return TimeSpan.Zero;
        }

        var settings = Settings(operation);
        double milliseconds;
        lock (_gate)
        {
            milliseconds = Sample(settings, _random);
        }

        return TimeSpan.FromMilliseconds(milliseconds * options.LatencyScale);
    }

    public Task DelayAsync(SupplierOperation operation, CancellationToken cancellationToken)
    {
        var delay = Draw(operation);
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
    }

    internal static double Sample(OperationLatencyOptions settings, DeterministicRandom random)
    {
        double min = settings.MinMs;
        double max = settings.MaxMs;
        if (max <= min)
        {
            return min;
        }

        if (settings.Distribution == LatencyDistribution.Uniform)
        {
            return random.NextDouble(min, max);
        }

        // The geometric mean needs a positive minimum; 1 ms stands in for 0.
        var low = Math.Max(min, 1);
        var median = Math.Sqrt(low * max);
        var sigma = Math.Log(max / low) / 4;
        return Math.Clamp(Math.Exp(Math.Log(median) + (sigma * random.NextGaussian())), min, max);
    }

    private OperationLatencyOptions Settings(SupplierOperation operation) => operation switch
    {
        SupplierOperation.Flights => options.Latency.Flights,
        SupplierOperation.Hotels => options.Latency.Hotels,
        SupplierOperation.Activities => options.Latency.Activities,
        SupplierOperation.Weather => options.Latency.Weather,
        SupplierOperation.Rates => options.Latency.Rates,
        SupplierOperation.Airports => options.Latency.Airports,
        SupplierOperation.Airlines => options.Latency.Airlines,
        _ => options.Latency.Cities,
    };
}
