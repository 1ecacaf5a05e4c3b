using System.Diagnostics.Metrics;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// Observes one observable instrument on demand, through a listener of its own. A listener's
/// <see cref="MeterListener.RecordObservableInstruments"/> runs every callback it enabled, and some callbacks have
/// side effects (<c>strata.ratelimit.usage</c> reports the peak since the last observation, then starts over), so
/// the dashboard sampling L1 bytes every second must not run them: only the scrape does.
/// </summary>
internal sealed class GaugeSampler : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<GaugeReading> _readings = [];

    public GaugeSampler(string instrumentName, Func<Instrument, bool> accepts)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.IsObservable && string.Equals(instrument.Name, instrumentName, StringComparison.Ordinal) && accepts(instrument))
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((GaugeSampler)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((GaugeSampler)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((GaugeSampler)state!).Add(value, tags));
        _listener.Start();
    }

    /// <summary>Runs the instrument's callbacks now; a callback's exception propagates (after the others ran).</summary>
    public IReadOnlyList<GaugeReading> Sample()
    {
        lock (_gate)
        {
            _readings.Clear();
            try
            {
                _listener.RecordObservableInstruments();
                return [.. _readings];
            }
            finally
            {
                _readings.Clear();
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    // Called only from inside Sample, on its thread, under the lock.
    private void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var strings = new Dictionary<string, string>(tags.Length, StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            strings[tag.Key] = TagSet.FormatValue(tag.Value);
        }

        _readings.Add(new GaugeReading(strings, value));
    }
}
