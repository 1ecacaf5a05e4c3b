using System.Buffers;
using System.IO.Pipelines;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// The Prometheus text exposition format 0.0.4 of everything the collector holds: per family one <c># HELP</c> (when
/// the instrument has a description) and one <c># TYPE</c>, then its samples; histograms as cumulative
/// <c>_bucket{le="…"}</c> lines ending with <c>le="+Inf"</c>, then <c>_sum</c> and <c>_count</c>. No timestamps:
/// the scrape time is the sample time.
/// </summary>
internal static class PrometheusExporter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    // Flush to the network now and then so a large exposition does not sit whole in the pipe.
    private const long FlushThreshold = 32 * 1024;

    public static async Task WriteAsync(StrataMetricsCollector collector, PipeWriter output, CancellationToken cancellationToken)
    {
        collector.ObserveAll();
        var families = collector.Families;
        for (var i = 0; i < families.Count; i++)
        {
            WriteFamily(output, families[i]);
            if (output.CanGetUnflushedBytes && output.UnflushedBytes >= FlushThreshold)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one family; nothing at all when it has no current series.</summary>
    public static void WriteFamily(IBufferWriter<byte> output, MetricFamily family)
    {
        var writer = new PrometheusTextWriter(output);
        var headerWritten = false;
        foreach (var aggregator in family.Members)
        {
            foreach (var series in aggregator.Series)
            {
                if (!aggregator.IsCurrent(series))
                {
                    continue;
                }

                if (!headerWritten)
                {
                    writer.Write(family.Header);
                    headerWritten = true;
                }

                switch (series)
                {
                    case HistogramSeries histogram:
                        WriteHistogram(ref writer, family, aggregator, histogram);
                        break;
                    case SumSeries sum:
                        writer.WriteSeriesStart(family.SampleName, series.Labels);
                        if (aggregator.IsIntegral)
                        {
                            writer.Write(sum.ReadInt64());
                        }
                        else
                        {
                            writer.Write(sum.ReadDouble());
                        }

                        writer.Write((byte)'\n');
                        break;
                    case LastValueSeries last:
                        writer.WriteSeriesStart(family.SampleName, series.Labels);
                        if (aggregator.IsIntegral)
                        {
                            writer.Write(last.ReadInt64());
                        }
                        else
                        {
                            writer.Write(last.ReadDouble());
                        }

                        writer.Write((byte)'\n');
                        break;
                }
            }
        }

        writer.Commit();
    }

    private static void WriteHistogram(ref PrometheusTextWriter writer, MetricFamily family, InstrumentAggregator aggregator, HistogramSeries series)
    {
        var bounds = aggregator.BoundLabels!;
        var rented = bounds.Length + 1 > 64 ? ArrayPool<long>.Shared.Rent(bounds.Length + 1) : null;
        Span<long> buckets = rented ?? stackalloc long[64];
        buckets = buckets[..(bounds.Length + 1)];
        var sum = series.Read(buckets);
        long cumulative = 0;
        for (var i = 0; i < bounds.Length; i++)
        {
            cumulative += buckets[i];
            writer.WriteSeriesStart(family.BucketName, series.Labels, bounds[i]);
            writer.Write(cumulative);
            writer.Write((byte)'\n');
        }

        cumulative += buckets[^1];
        writer.WriteSeriesStart(family.BucketName, series.Labels, "le=\"+Inf\""u8);
        writer.Write(cumulative);
        writer.Write((byte)'\n');
        writer.WriteSeriesStart(family.SumName, series.Labels);
        writer.Write(sum);
        writer.Write((byte)'\n');
        writer.WriteSeriesStart(family.CountName, series.Labels);
        writer.Write(cumulative);
        writer.Write((byte)'\n');
        if (rented is not null)
        {
            ArrayPool<long>.Shared.Return(rented);
        }
    }
}
