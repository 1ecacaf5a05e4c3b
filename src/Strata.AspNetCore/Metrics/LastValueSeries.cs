namespace Strata.AspNetCore.Metrics;

/// <summary>A gauge, or an observable instrument's latest report (observable counters report running totals).</summary>
internal sealed class LastValueSeries : MetricSeries
{
    private readonly bool _integral;
    private long _bits;

    public LastValueSeries(TagSet tags, bool integral)
        : base(tags)
    {
        _integral = integral;
    }

    public override void Record(long value) =>
        Volatile.Write(ref _bits, _integral ? value : BitConverter.DoubleToInt64Bits(value));

    public override void Record(double value) =>
        Volatile.Write(ref _bits, _integral ? (long)value : BitConverter.DoubleToInt64Bits(value));

    public long ReadInt64()
    {
        var bits = Volatile.Read(ref _bits);
        return _integral ? bits : (long)BitConverter.Int64BitsToDouble(bits);
    }

    public double ReadDouble()
    {
        var bits = Volatile.Read(ref _bits);
        return _integral ? bits : BitConverter.Int64BitsToDouble(bits);
    }
}
