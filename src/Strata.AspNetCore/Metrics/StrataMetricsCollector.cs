using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// Aggregates, in process, the instruments of the Strata meters (and those the application adds) created by this
/// container's <see cref="IMeterFactory"/>: sums for counters, last values for gauges and observable instruments
/// (observed on demand), explicit-bucket histograms. Read by the Prometheus endpoint, the admin API and the
/// dashboard history. One per container; the listener stops when the container disposes it.
/// </summary>
internal sealed partial class StrataMetricsCollector : IDisposable
{
    /// <summary>Meters always collected.</summary>
    public static readonly IReadOnlyList<string> BuiltInMeters = ["Strata", "Strata.RateLimiting", "Strata.RateLimiting.Http", "Strata.AspNetCore"];

    private readonly IMeterFactory _scope;
    private readonly HashSet<string> _meterNames;
    private readonly Func<Meter, bool>? _meterFilter;
    private readonly bool _includeUnscoped;
    private readonly int _maxSeries;
    private readonly ILogger _logger;
    private readonly MeterListener _listener;
    private readonly Lock _registryGate = new();
    private readonly Lock _observeGate = new();
    private readonly Lock _samplersGate = new();
    private readonly Dictionary<string, GaugeSampler> _samplers = new(StringComparer.Ordinal);
    private MetricFamily[] _families = [];
    private Dictionary<string, InstrumentAggregator[]> _byInstrument = new(StringComparer.Ordinal);
    private long _observingGeneration;
    private long _completedGeneration;
    private bool _disposed;

    /// <param name="meterFactory">This container's factory: only meters whose <see cref="Meter.Scope"/> is this instance are collected (plus unscoped ones if the options say so).</param>
    /// <param name="options">Which meters, and the series cap per instrument.</param>
    /// <param name="loggerFactory">For failing observable callbacks and name conflicts; optional.</param>
    public StrataMetricsCollector(IMeterFactory meterFactory, StrataMetricsOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        _scope = meterFactory;
        _meterNames = new HashSet<string>(BuiltInMeters, StringComparer.Ordinal);
        _meterNames.UnionWith(options.AdditionalMeters);
        _meterFilter = options.MeterFilter;
        _includeUnscoped = options.IncludeUnscopedMeters;
        _maxSeries = options.MaxSeriesPerInstrument;
        _logger = loggerFactory?.CreateLogger("Strata.AspNetCore.Metrics") ?? NullLogger.Instance;
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = (_, state) => Remove((InstrumentAggregator)state!),
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>The families to expose, in the order their first instrument appeared.</summary>
    public IReadOnlyList<MetricFamily> Families => Volatile.Read(ref _families);

    /// <summary>The observation in progress (or the last one): observable series record it when reported.</summary>
    public long ObservingGeneration => Volatile.Read(ref _observingGeneration);

    /// <summary>The last observation that finished: observable series it did not report are stale.</summary>
    public long CompletedGeneration => Volatile.Read(ref _completedGeneration);

    /// <summary>
    /// Runs every observable instrument's callback (once per scrape). Failing callbacks are logged; their series are
    /// left out until an observation reports them again.
    /// </summary>
    public void ObserveAll()
    {
        lock (_observeGate)
        {
            var generation = Interlocked.Increment(ref _observingGeneration);
            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (AggregateException error)
            {
                MetricsLog.ObservationFailed(_logger, error);
            }

            Volatile.Write(ref _completedGeneration, generation);
        }
    }

    public void Dispose()
    {
        lock (_samplersGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var sampler in _samplers.Values)
            {
                sampler.Dispose();
            }

            _samplers.Clear();
        }

        _listener.Dispose();
    }

    /// <summary>True for an instrument of a collected meter created by this container (or unscoped, if allowed).</summary>
    internal bool Accepts(Instrument instrument)
    {
        var meter = instrument.Meter;
        var inScope = ReferenceEquals(meter.Scope, _scope) || (meter.Scope is null && _includeUnscoped);
        return inScope && (_meterNames.Contains(meter.Name) || (_meterFilter?.Invoke(meter) ?? false));
    }

    private InstrumentAggregator[] Aggregators(string instrumentName) =>
        Volatile.Read(ref _byInstrument).TryGetValue(instrumentName, out var found) ? found : [];

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!Accepts(instrument) || InstrumentAggregator.TryCreate(instrument, this, _maxSeries) is not { } aggregator)
        {
            return;
        }

        lock (_registryGate)
        {
            var families = _families;
            var index = Array.FindIndex(families, f => string.Equals(f.Name, aggregator.Name, StringComparison.Ordinal));
            MetricFamily[] next;
            if (index < 0)
            {
                next = [.. families, new MetricFamily(aggregator)];
            }
            else if (families[index].Type != aggregator.Type)
            {
                MetricsLog.NameConflict(_logger, instrument.Name, instrument.Meter.Name, aggregator.Name, families[index].Type);
                return;
            }
            else
            {
                next = (MetricFamily[])families.Clone();
                next[index] = families[index].With(aggregator);
            }

            var byInstrument = new Dictionary<string, InstrumentAggregator[]>(_byInstrument, StringComparer.Ordinal);
            byInstrument[instrument.Name] = byInstrument.TryGetValue(instrument.Name, out var same) ? [.. same, aggregator] : [aggregator];
            Volatile.Write(ref _families, next);
            Volatile.Write(ref _byInstrument, byInstrument);
        }

        listener.EnableMeasurementEvents(instrument, aggregator);
    }

    // The instrument's meter was disposed (its container went away, or an unscoped meter was disposed).
    private void Remove(InstrumentAggregator aggregator)
    {
        lock (_registryGate)
        {
            var families = new List<MetricFamily>(_families.Length);
            foreach (var family in _families)
            {
                if (family.Without(aggregator) is { } rest)
                {
                    families.Add(rest);
                }
            }

            var byInstrument = new Dictionary<string, InstrumentAggregator[]>(_byInstrument, StringComparer.Ordinal);
            if (byInstrument.TryGetValue(aggregator.Instrument.Name, out var same))
            {
                var rest = Array.FindAll(same, a => !ReferenceEquals(a, aggregator));
                if (rest.Length == 0)
                {
                    byInstrument.Remove(aggregator.Instrument.Name);
                }
                else
                {
                    byInstrument[aggregator.Instrument.Name] = rest;
                }
            }

            Volatile.Write(ref _families, families.ToArray());
            Volatile.Write(ref _byInstrument, byInstrument);
        }
    }
}
