namespace Strata.Benchmarks.Tier;

/// <summary>
/// Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s (Zipf): a precomputed cumulative distribution and
/// a binary search per draw, so sampling allocates nothing and costs O(log n). The distribution is shared; each caller
/// brings its own seeded <see cref="Random"/> (Random is not thread-safe, and seeds make runs repeatable).
/// </summary>
internal sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int count, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        _cumulative = new double[count];
        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, exponent);
            _cumulative[i] = sum;
        }

        for (var i = 0; i < count; i++)
        {
            _cumulative[i] /= sum;
        }

        // Rounding may leave the last value a hair under 1; a draw of u close to 1 must still find a rank.
        _cumulative[^1] = 1.0;
    }

    public int Count => _cumulative.Length;

    /// <summary>The share of draws that land on the <paramref name="ranks"/> most popular ranks.</summary>
    public double TopShare(int ranks) => ranks <= 0 ? 0 : _cumulative[Math.Min(ranks, _cumulative.Length) - 1];

    /// <summary>The first rank whose cumulative probability reaches a uniform draw in [0, 1).</summary>
    public int Next(Random random)
    {
        var u = random.NextDouble();
        var low = 0;
        var high = _cumulative.Length - 1;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (_cumulative[middle] < u)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
