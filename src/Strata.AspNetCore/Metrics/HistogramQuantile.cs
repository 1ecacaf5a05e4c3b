namespace Strata.AspNetCore.Metrics;

/// <summary>
/// Quantiles estimated from explicit buckets exactly as Prometheus' <c>histogram_quantile</c> does.
/// </summary>
/// <remarks>
/// <para>
/// With <c>n</c> observations, the rank of quantile <c>q</c> is <c>q × n</c>. The estimate lies in the first bucket
/// whose cumulative count reaches the rank, and assumes the observations are spread evenly inside it: between the
/// bucket's lower bound <c>l</c> (the previous bucket's upper bound) and its upper bound <c>u</c>, the estimate is
/// <c>l + (u − l) × (rank − below) / inBucket</c>, where <c>below</c> counts the observations in earlier buckets and
/// <c>inBucket</c> those in this one.
/// </para>
/// <para>
/// Edge cases follow Prometheus: the first bucket's lower bound is 0 when its upper bound is positive (otherwise the
/// estimate is that upper bound); a rank that falls in the <c>+Inf</c> bucket gives the highest finite bound (there
/// is nothing to interpolate towards); no observations give NaN; <c>q</c> below 0 gives −∞ and above 1 gives +∞.
/// </para>
/// <para>
/// So the estimate can only be as precise as the buckets: with the cache's duration buckets (…, 1 ms, 2.5 ms, 5 ms, …)
/// a p99 of "4.2 ms" means "between 2.5 and 5 ms, about 68% of the way in if the bucket were uniform".
/// </para>
/// </remarks>
internal static class HistogramQuantile
{
    /// <param name="quantile">0 to 1 (0.99 for p99).</param>
    /// <param name="upperBounds">Finite upper bounds, ascending.</param>
    /// <param name="bucketCounts">Observations per bucket, not cumulative: one per bound, then the <c>+Inf</c> bucket.</param>
    public static double Estimate(double quantile, ReadOnlySpan<double> upperBounds, ReadOnlySpan<long> bucketCounts)
    {
        if (bucketCounts.Length != upperBounds.Length + 1)
        {
            throw new ArgumentException("Expected one count per bound plus the +Inf bucket.", nameof(bucketCounts));
        }

        if (double.IsNaN(quantile))
        {
            return double.NaN;
        }

        if (quantile < 0)
        {
            return double.NegativeInfinity;
        }

        if (quantile > 1)
        {
            return double.PositiveInfinity;
        }

        long total = 0;
        foreach (var count in bucketCounts)
        {
            total += count;
        }

        if (total == 0 || upperBounds.IsEmpty)
        {
            return double.NaN;
        }

        var rank = quantile * total;
        long below = 0;
        for (var i = 0; i < upperBounds.Length; i++)
        {
            var inBucket = bucketCounts[i];
            if (below + inBucket >= rank)
            {
                if (i == 0 && upperBounds[0] <= 0)
                {
                    return upperBounds[0];
                }

                var lower = i == 0 ? 0 : upperBounds[i - 1];
                return inBucket == 0 ? lower : lower + ((upperBounds[i] - lower) * ((rank - below) / inBucket));
            }

            below += inBucket;
        }

        return upperBounds[^1];
    }
}
