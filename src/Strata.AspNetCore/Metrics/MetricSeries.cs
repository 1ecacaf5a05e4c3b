using System.Numerics;
using System.Runtime.CompilerServices;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// One series of an instrument: a tag set and its aggregate. Recording is lock-free; values that many threads update
/// are striped by processor so that concurrent cache reads do not fight over one cache line.
/// </summary>
internal abstract class MetricSeries
{
    /// <summary>longs per cache line: stripes start a line apart.</summary>
    protected const int LineLongs = 8;

    protected MetricSeries(TagSet tags)
    {
        Tags = tags;
        Labels = PrometheusNaming.FormatLabels(tags);
    }

    /// <summary>A power of two, at most 16: enough to spread a busy counter, bounded so series stay small.</summary>
    protected static int StripeCount { get; } = (int)Math.Min(16, BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));

    public TagSet Tags { get; }

    /// <summary>The Prometheus labels, <c>a="x",b="y"</c> in UTF-8 without braces; empty without tags. Built once.</summary>
    public byte[] Labels { get; }

    /// <summary>
    /// For observable instruments: the observation that last reported this series. A series an observation did not
    /// report (a policy removed, a limiter disposed) is no longer exposed.
    /// </summary>
    public long ObservedGeneration { get; set; }

    public abstract void Record(long value);

    public abstract void Record(double value);

    protected static int CurrentStripe
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Thread.GetCurrentProcessorId() & (StripeCount - 1);
    }

    protected static void AddDouble(ref long cell, double value)
    {
        var current = Volatile.Read(ref cell);
        while (true)
        {
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + value);
            var seen = Interlocked.CompareExchange(ref cell, next, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
