namespace Strata.AspNetCore.Metrics;

/// <summary>A counter or up-down counter series: the sum of every measurement, striped by processor.</summary>
internal sealed class SumSeries : MetricSeries
{
    private readonly long[] _cells = new long[StripeCount * LineLongs];
    private readonly bool _integral;

    public SumSeries(TagSet tags, bool integral)
        : base(tags)
    {
        _integral = integral;
    }

    public override void Record(long value)
    {
        if (_integral)
        {
            Interlocked.Add(ref _cells[CurrentStripe * LineLongs], value);
        }
        else
        {
            AddDouble(ref _cells[CurrentStripe * LineLongs], value);
        }
    }

    public override void Record(double value)
    {
        if (_integral)
        {
            Interlocked.Add(ref _cells[CurrentStripe * LineLongs], (long)value);
        }
        else
        {
            AddDouble(ref _cells[CurrentStripe * LineLongs], value);
        }
    }

    /// <summary>The exact total of an integral instrument.</summary>
    public long ReadInt64()
    {
        if (!_integral)
        {
            return (long)ReadDouble();
        }

        long total = 0;
        for (var i = 0; i < _cells.Length; i += LineLongs)
        {
            total += Volatile.Read(ref _cells[i]);
        }

        return total;
    }

    public double ReadDouble()
    {
        if (_integral)
        {
            return ReadInt64();
        }

        double total = 0;
        for (var i = 0; i < _cells.Length; i += LineLongs)
        {
            total += BitConverter.Int64BitsToDouble(Volatile.Read(ref _cells[i]));
        }

        return total;
    }
}
