using System.Diagnostics.Metrics;

namespace Strata.AspNetCore.Warmup;

/// <summary>
/// <c>strata.warmup.runs{warmer, outcome}</c> and <c>strata.warmup.duration{warmer, outcome}</c> (s) on the meter
/// <c>Strata.AspNetCore</c>. Warmer names are a small fixed set (registered types), so they may be tags.
/// </summary>
internal sealed class WarmupMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;

    public WarmupMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(Invalidation.InvalidationMetrics.MeterName)) ?? new Meter(Invalidation.InvalidationMetrics.MeterName);
        _runs = _meter.CreateCounter<long>("strata.warmup.runs", unit: "{run}", description: "Warm-up runs, by warmer and outcome (succeeded, failed, timed_out).");
        _duration = _meter.CreateHistogram<double>("strata.warmup.duration", unit: "s", description: "Time warm-up runs took, by warmer and outcome.");
    }

    public void Completed(string warmer, StrataWarmupState outcome, TimeSpan duration)
    {
        if (!_runs.Enabled && !_duration.Enabled)
        {
            return;
        }

        var result = outcome switch
        {
            StrataWarmupState.Succeeded => "succeeded",
            StrataWarmupState.TimedOut => "timed_out",
            _ => "failed",
        };
        var warmerTag = new KeyValuePair<string, object?>("warmer", warmer);
        var outcomeTag = new KeyValuePair<string, object?>("outcome", result);
        _runs.Add(1, warmerTag, outcomeTag);
        _duration.Record(duration.TotalSeconds, warmerTag, outcomeTag);
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
