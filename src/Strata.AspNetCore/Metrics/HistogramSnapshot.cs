using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// A histogram's buckets at one moment, merged over the series a query selected.
/// <see cref="BucketCounts"/> are per bucket (not cumulative), one per bound then the <c>+Inf</c> bucket.
/// </summary>
internal sealed record HistogramSnapshot(ImmutableArray<double> Bounds, ImmutableArray<long> BucketCounts, double Sum)
{
    public long Count
    {
        get
        {
            long total = 0;
            foreach (var count in BucketCounts)
            {
                total += count;
            }

            return total;
        }
    }

    /// <summary>See <see cref="HistogramQuantile.Estimate"/>; NaN without observations.</summary>
    public double Quantile(double quantile) => HistogramQuantile.Estimate(quantile, Bounds.AsSpan(), BucketCounts.AsSpan());

    public HistogramQuantiles ToQuantiles()
    {
        var count = Count;
        return count == 0
            ? HistogramQuantiles.Empty with { Sum = Sum }
            : new HistogramQuantiles(count, Sum, Quantile(0.5), Quantile(0.95), Quantile(0.99));
    }

    /// <summary>
    /// What was observed since <paramref name="earlier"/> (a delta histogram, for "latency over the last second").
    /// Null <paramref name="earlier"/> or different bounds: everything so far.
    /// </summary>
    public HistogramSnapshot Since(HistogramSnapshot? earlier)
    {
        if (earlier is null || !Bounds.AsSpan().SequenceEqual(earlier.Bounds.AsSpan()))
        {
            return this;
        }

        var counts = new long[BucketCounts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Math.Max(0, BucketCounts[i] - earlier.BucketCounts[i]);
        }

        return new HistogramSnapshot(Bounds, ImmutableCollectionsMarshal.AsImmutableArray(counts), Sum - earlier.Sum);
    }
}
