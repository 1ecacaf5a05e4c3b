namespace Strata.Tests.Memory;

/// <summary>
/// A deterministic Zipf-distributed key stream (rank r drawn with probability proportional to 1 / r^s) by inverse
/// CDF over a precomputed table, from a seeded <see cref="Random"/> so every run sees the same trace.
/// </summary>
internal sealed class ZipfKeys
{
    private readonly double[] _cumulative;
    private readonly Random _random;

    public ZipfKeys(int keys, double exponent, int seed)
    {
        _cumulative = new double[keys];
        var sum = 0.0;
        for (var rank = 1; rank <= keys; rank++)
        {
            sum += 1.0 / Math.Pow(rank, exponent);
            _cumulative[rank - 1] = sum;
        }

        for (var i = 0; i < keys; i++)
        {
            _cumulative[i] /= sum;
        }

        _random = new Random(seed);
    }

    /// <summary>The next key: a rank from 0 (most popular) to keys - 1.</summary>
    public int Next()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
