using Strata.Benchmarks.Tier;

namespace Strata.Benchmarks.TravelDesk;

/// <summary>
/// Keys 0..n-1 drawn with Zipf popularity: rank r has probability proportional to 1/(r+1)^s. With a shuffle seed,
/// which key holds which rank is a seeded random permutation (no key is popular because of where it sits in the
/// enumeration: LAX→JFK is not assumed to be rank 1); without one, key i is rank i (for short lists already ordered by
/// popularity, such as page 1 before page 2).
/// </summary>
internal sealed class ZipfKeySpace
{
    private readonly ZipfSampler _sampler;
    private readonly int[]? _keyOfRank;

    public ZipfKeySpace(int count, double exponent, int? shuffleSeed)
    {
        _sampler = new ZipfSampler(count, exponent);
        if (shuffleSeed is { } seed)
        {
            _keyOfRank = new int[count];
            for (var i = 0; i < count; i++)
            {
                _keyOfRank[i] = i;
            }

            new Random(seed).Shuffle(_keyOfRank);
        }
    }

    public int Count => _sampler.Count;

    /// <summary>One key, drawn with <paramref name="random"/> (the workload's seeded sequence).</summary>
    public int Next(Random random)
    {
        var rank = _sampler.Next(random);
        return _keyOfRank is null ? rank : _keyOfRank[rank];
    }
}
