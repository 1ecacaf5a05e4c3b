using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// The series of one instrument, keyed by tag values. Measurement callbacks receive this as their state, so finding
/// the instrument costs nothing and finding the series is a lock-free lookup with the callback's tag span.
/// </summary>
internal sealed class InstrumentAggregator
{
    /// <summary>OpenTelemetry's default explicit bucket boundaries.</summary>
    internal static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    /// <summary>
    /// For histograms in seconds without advice: the boundaries the OpenTelemetry .NET SDK applies to second-based
    /// durations (the default ones would put every cache read in the first bucket).
    /// </summary>
    internal static readonly double[] DefaultSecondsBounds = [0, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private static readonly KeyValuePair<string, object?>[] OverflowTags = [new("otel.metric.overflow", true)];

    private readonly StrataMetricsCollector _owner;
    private readonly int _maxSeries;
    private readonly bool _observable;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<TagSet, MetricSeries> _series;
    private readonly ConcurrentDictionary<TagSet, MetricSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private MetricSeries[] _all = [];
    private MetricSeries? _overflow;

    private InstrumentAggregator(
        Instrument instrument, StrataMetricsCollector owner, int maxSeries, MetricType type, MetricAggregation aggregation, bool integral)
    {
        Instrument = instrument;
        _owner = owner;
        _maxSeries = maxSeries;
        _observable = instrument.IsObservable;
        Type = type;
        Aggregation = aggregation;
        IsIntegral = integral;
        Name = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, type);
        _series = new ConcurrentDictionary<TagSet, MetricSeries>(TagSetComparer.Instance);
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        if (aggregation == MetricAggregation.Histogram)
        {
            Bounds = ResolveBounds(instrument);
            BoundLabels = new byte[Bounds.Length][];
            for (var i = 0; i < Bounds.Length; i++)
            {
                BoundLabels[i] = Encoding.UTF8.GetBytes("le=\"" + Bounds[i].ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e') + "\"");
            }
        }
    }

    public Instrument Instrument { get; }

    /// <summary>The Prometheus family name (with unit suffix, and <c>_total</c> for counters).</summary>
    public string Name { get; }

    public MetricType Type { get; }

    public MetricAggregation Aggregation { get; }

    /// <summary>True for <c>long</c> and <c>int</c> instruments, whose sums stay exact.</summary>
    public bool IsIntegral { get; }

    /// <summary>Histogram upper bounds, ascending and finite; null for other instruments.</summary>
    public double[]? Bounds { get; }

    /// <summary><c>le="…"</c> per bound, in UTF-8, built once.</summary>
    public byte[][]? BoundLabels { get; }

    /// <summary>Every series, in creation order (the overflow series last once it exists).</summary>
    public ReadOnlySpan<MetricSeries> Series => Volatile.Read(ref _all);

    /// <summary>An aggregator for a supported instrument (long, int or double measurements), or null.</summary>
    public static InstrumentAggregator? TryCreate(Instrument instrument, StrataMetricsCollector owner, int maxSeries)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var measurement = type.GetGenericArguments()[0];
        if (measurement != typeof(long) && measurement != typeof(int) && measurement != typeof(double))
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        (MetricType Type, MetricAggregation Aggregation)? kind =
            definition == typeof(Counter<>) ? (MetricType.Counter, MetricAggregation.Sum)
            : definition == typeof(UpDownCounter<>) ? (MetricType.Gauge, MetricAggregation.Sum)
            : definition == typeof(Histogram<>) ? (MetricType.Histogram, MetricAggregation.Histogram)
            : definition == typeof(Gauge<>) ? (MetricType.Gauge, MetricAggregation.LastValue)
            : definition == typeof(ObservableCounter<>) ? (MetricType.Counter, MetricAggregation.LastValue)
            : definition == typeof(ObservableUpDownCounter<>) ? (MetricType.Gauge, MetricAggregation.LastValue)
            : definition == typeof(ObservableGauge<>) ? (MetricType.Gauge, MetricAggregation.LastValue)
            : null;
        return kind is { } k
            ? new InstrumentAggregator(instrument, owner, maxSeries, k.Type, k.Aggregation, measurement != typeof(double))
            : null;
    }

    public void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _lookup.TryGetValue(tags, out var found) ? found : Add(tags);
        series.Record(value);
        if (_observable)
        {
            series.ObservedGeneration = _owner.ObservingGeneration;
        }
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _lookup.TryGetValue(tags, out var found) ? found : Add(tags);
        series.Record(value);
        if (_observable)
        {
            series.ObservedGeneration = _owner.ObservingGeneration;
        }
    }

    /// <summary>False for an observable instrument's series that the last completed observation did not report.</summary>
    public bool IsCurrent(MetricSeries series) =>
        !_observable || series.ObservedGeneration >= _owner.CompletedGeneration;

    private static double[] ResolveBounds(Instrument instrument)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
            _ => null,
        };

        if (advised is { Count: > 0 } && IsAscendingAndFinite(advised))
        {
            return [.. advised];
        }

        return string.Equals(instrument.Unit, "s", StringComparison.Ordinal) ? DefaultSecondsBounds : DefaultBounds;
    }

    private static bool IsAscendingAndFinite(IReadOnlyList<double> bounds)
    {
        for (var i = 0; i < bounds.Count; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    // The slow path, once per new tag set: under the lock so the cardinality cap holds exactly.
    private MetricSeries Add(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_gate)
        {
            if (_lookup.TryGetValue(tags, out var found))
            {
                return found;
            }

            if (_series.Count >= _maxSeries)
            {
                // Past the cap, new tag sets share one series, as OpenTelemetry's cardinality limit does.
                if (_overflow is null)
                {
                    _overflow = NewSeries(TagSet.Create(OverflowTags));
                    Volatile.Write(ref _all, [.. _all, _overflow]);
                }

                return _overflow;
            }

            var series = NewSeries(TagSet.Create(tags));
            _series[series.Tags] = series;
            // Copy-on-write: a scrape walks a stable array while new tag sets arrive (rare once warm).
            MetricSeries[] next = _overflow is null ? [.. _all, series] : [.. _all[..^1], series, _overflow];
            Volatile.Write(ref _all, next);
            return series;
        }
    }

    private MetricSeries NewSeries(TagSet tags) => Aggregation switch
    {
        MetricAggregation.Sum => new SumSeries(tags, IsIntegral),
        MetricAggregation.Histogram => new HistogramSeries(tags, Bounds!),
        _ => new LastValueSeries(tags, IsIntegral),
    };
}
