using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Strata.AspNetCore.Metrics;

/// <summary>The query side, for the admin API and the dashboard. Instrument names are the OpenTelemetry ones (<c>strata.cache.requests</c>).</summary>
internal sealed partial class StrataMetricsCollector
{
    /// <summary>The names of the instruments collected so far.</summary>
    public IReadOnlyList<string> InstrumentNames => [.. Volatile.Read(ref _byInstrument).Keys];

    /// <summary>
    /// The total of a counter or up-down counter over the series whose tags match every <paramref name="filter"/> pair
    /// (all series without a filter): e.g. <c>GetCounterTotal("strata.cache.requests", ("tier", "l1"), ("result", "hit"))</c>.
    /// Observable counters give their value as of the last scrape. 0 for an unknown instrument.
    /// Filters are tuples, <c>("tier", "l1")</c>: a lone target-typed <c>new(…)</c> would bind to the span's own
    /// constructor and not compile.
    /// </summary>
    public double GetCounterTotal(string instrumentName, params ReadOnlySpan<(string Key, string Value)> filter)
    {
        double total = 0;
        foreach (var aggregator in Aggregators(instrumentName))
        {
            if (aggregator.Aggregation == MetricAggregation.Histogram)
            {
                continue;
            }

            foreach (var series in aggregator.Series)
            {
                if (aggregator.IsCurrent(series) && series.Tags.Matches(filter))
                {
                    total += ValueOf(series);
                }
            }
        }

        return total;
    }

    /// <summary>
    /// Like <see cref="GetCounterTotal"/>, split by the value of <paramref name="groupByTag"/> (series without the
    /// tag count under the empty string): e.g. requests per <c>result</c> for <c>tier=l1</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> GetCounterTotalsBy(
        string instrumentName, string groupByTag, params ReadOnlySpan<(string Key, string Value)> filter)
    {
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var aggregator in Aggregators(instrumentName))
        {
            if (aggregator.Aggregation == MetricAggregation.Histogram)
            {
                continue;
            }

            foreach (var series in aggregator.Series)
            {
                if (aggregator.IsCurrent(series) && series.Tags.Matches(filter))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(totals, series.Tags.GetString(groupByTag) ?? string.Empty, out _) += ValueOf(series);
                }
            }
        }

        return totals;
    }

    /// <summary>
    /// The current value of each series of a gauge or up-down counter. An observable instrument is observed now,
    /// through a listener of its own, so asking for <c>strata.cache.l1.bytes</c> does not run other instruments'
    /// callbacks. Empty for an unknown instrument, or when its callback fails (logged).
    /// </summary>
    public IReadOnlyList<GaugeReading> GetGaugeValues(string instrumentName)
    {
        var aggregators = Aggregators(instrumentName);
        var readings = new List<GaugeReading>();
        var observable = false;
        foreach (var aggregator in aggregators)
        {
            if (aggregator.Instrument.IsObservable)
            {
                observable = true;
                continue;
            }

            if (aggregator.Aggregation == MetricAggregation.Histogram)
            {
                continue;
            }

            foreach (var series in aggregator.Series)
            {
                readings.Add(new GaugeReading(series.Tags.Strings.ToDictionary(StringComparer.Ordinal), ValueOf(series)));
            }
        }

        if (observable && SamplerFor(instrumentName) is { } sampler)
        {
            try
            {
                readings.AddRange(sampler.Sample());
            }
            catch (AggregateException error)
            {
                MetricsLog.ObservationFailed(_logger, error);
            }
        }

        return readings;
    }

    /// <summary>
    /// A histogram's buckets merged over the series matching <paramref name="filter"/>; null for an unknown
    /// instrument or when no series matches.
    /// </summary>
    public HistogramSnapshot? GetHistogram(string instrumentName, params ReadOnlySpan<(string Key, string Value)> filter) =>
        GetHistograms(instrumentName, groupByTag: null, filter).GetValueOrDefault(string.Empty);

    /// <summary>Like <see cref="GetHistogram"/>, one per value of <paramref name="groupByTag"/> (e.g. per <c>namespace</c> or <c>outcome</c>).</summary>
    public IReadOnlyDictionary<string, HistogramSnapshot> GetHistogramsBy(
        string instrumentName, string groupByTag, params ReadOnlySpan<(string Key, string Value)> filter) =>
        GetHistograms(instrumentName, groupByTag, filter);

    /// <summary>
    /// Count, sum and p50/p95/p99 of a histogram over the matching series, since the process started; the quantiles
    /// are estimated from the buckets as Prometheus' <c>histogram_quantile</c> does (see <see cref="HistogramQuantile"/>).
    /// </summary>
    public HistogramQuantiles GetHistogramQuantiles(string instrumentName, params ReadOnlySpan<(string Key, string Value)> filter) =>
        GetHistogram(instrumentName, filter)?.ToQuantiles() ?? HistogramQuantiles.Empty;

    /// <summary>Like <see cref="GetHistogramQuantiles"/>, one per value of <paramref name="groupByTag"/>.</summary>
    public IReadOnlyDictionary<string, HistogramQuantiles> GetHistogramQuantilesBy(
        string instrumentName, string groupByTag, params ReadOnlySpan<(string Key, string Value)> filter) =>
        GetHistograms(instrumentName, groupByTag, filter).ToDictionary(static p => p.Key, static p => p.Value.ToQuantiles(), StringComparer.Ordinal);

    private static double ValueOf(MetricSeries series) => series switch
    {
        SumSeries sum => sum.ReadDouble(),
        LastValueSeries last => last.ReadDouble(),
        _ => 0,
    };

    private Dictionary<string, HistogramSnapshot> GetHistograms(
        string instrumentName, string? groupByTag, ReadOnlySpan<(string Key, string Value)> filter)
    {
        var groups = new Dictionary<string, (double[] Bounds, long[] Counts, double Sum)>(StringComparer.Ordinal);
        Span<long> scratch = stackalloc long[64];
        foreach (var aggregator in Aggregators(instrumentName))
        {
            if (aggregator.Bounds is not { } bounds)
            {
                continue;
            }

            var buckets = bounds.Length < scratch.Length ? scratch[..(bounds.Length + 1)] : new long[bounds.Length + 1];
            foreach (var series in aggregator.Series)
            {
                if (series is not HistogramSeries histogram || !series.Tags.Matches(filter))
                {
                    continue;
                }

                var key = groupByTag is null ? string.Empty : series.Tags.GetString(groupByTag) ?? string.Empty;
                ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, key, out var exists);
                if (!exists)
                {
                    group = (bounds, new long[bounds.Length + 1], 0);
                }
                else if (!group.Bounds.AsSpan().SequenceEqual(bounds))
                {
                    // Same name, different buckets (two meters): these cannot be added up; keep the first.
                    continue;
                }

                group.Sum += histogram.Read(buckets);
                for (var i = 0; i < buckets.Length; i++)
                {
                    group.Counts[i] += buckets[i];
                }
            }
        }

        var result = new Dictionary<string, HistogramSnapshot>(groups.Count, StringComparer.Ordinal);
        foreach (var (key, group) in groups)
        {
            result[key] = new HistogramSnapshot(
                ImmutableCollectionsMarshal.AsImmutableArray(group.Bounds.ToArray()),
                ImmutableCollectionsMarshal.AsImmutableArray(group.Counts),
                group.Sum);
        }

        return result;
    }

    private GaugeSampler? SamplerFor(string instrumentName)
    {
        lock (_samplersGate)
        {
            if (_disposed)
            {
                return null;
            }

            if (!_samplers.TryGetValue(instrumentName, out var sampler))
            {
                // Only for instruments already collected (the caller checked), so the number of listeners is bounded
                // by the number of observable instruments, whatever names the admin API is asked for.
                sampler = new GaugeSampler(instrumentName, Accepts);
                _samplers[instrumentName] = sampler;
            }

            return sampler;
        }
    }
}
