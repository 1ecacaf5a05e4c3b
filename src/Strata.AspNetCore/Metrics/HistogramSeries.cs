namespace Strata.AspNetCore.Metrics;

/// <summary>
/// A histogram series: a count per bucket (the last is <c>+Inf</c>) and the sum, striped by processor. The count is
/// not kept apart: it is the sum of the buckets, so an exposition's <c>+Inf</c> bucket always equals its
/// <c>_count</c>, even while measurements arrive.
/// </summary>
internal sealed class HistogramSeries : MetricSeries
{
    private readonly double[] _bounds;
    private readonly int _stride;
    private readonly long[] _cells;

    public HistogramSeries(TagSet tags, double[] bounds)
        : base(tags)
    {
        _bounds = bounds;
        // Per stripe: one count per bucket plus +Inf, then the sum's bits; rounded up to whole cache lines.
        _stride = (bounds.Length + 2 + LineLongs - 1) / LineLongs * LineLongs;
        _cells = new long[StripeCount * _stride];
    }

    /// <summary>Finite upper bounds, ascending; buckets hold values at most their bound (Prometheus <c>le</c>).</summary>
    public ReadOnlySpan<double> Bounds => _bounds;

    public override void Record(long value) => Record((double)value);

    public override void Record(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var stripe = CurrentStripe * _stride;
        Interlocked.Increment(ref _cells[stripe + BucketOf(value)]);
        AddDouble(ref _cells[stripe + _bounds.Length + 1], value);
    }

    /// <summary>Copies the per-bucket counts (not cumulative; <paramref name="buckets"/> holds bounds + 1) and returns the sum.</summary>
    public double Read(Span<long> buckets)
    {
        buckets = buckets[..(_bounds.Length + 1)];
        buckets.Clear();
        double sum = 0;
        for (var stripe = 0; stripe < _cells.Length; stripe += _stride)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] += Volatile.Read(ref _cells[stripe + i]);
            }

            sum += BitConverter.Int64BitsToDouble(Volatile.Read(ref _cells[stripe + _bounds.Length + 1]));
        }

        return sum;
    }

    private int BucketOf(double value)
    {
        // First bound >= value; past the last bound is the +Inf bucket.
        int low = 0, high = _bounds.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (value <= _bounds[mid])
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }
}
