namespace Strata.Benchmarks.TravelDesk;

/// <summary>Latency percentiles and cache hit ratios over a set of outcomes.</summary>
internal static class OutcomeStats
{
    /// <summary>The nearest-rank percentile of the latencies, in milliseconds (0 for no outcomes).</summary>
    public static double PercentileMs(IEnumerable<RequestOutcome> outcomes, double percentile)
    {
        var sorted = outcomes.Select(static o => o.Milliseconds).Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The share answered from the cache (X-Cache HIT or STALE); 0 for no outcomes.</summary>
    public static double HitRatio(IEnumerable<RequestOutcome> outcomes)
    {
        var total = 0;
        var hits = 0;
        foreach (var outcome in outcomes)
        {
            total++;
            if (outcome.FromCache)
            {
                hits++;
            }
        }

        return total == 0 ? 0 : (double)hits / total;
    }

    /// <summary>1 − after/before: the share saved (negative when it grew); 0 when before is 0.</summary>
    public static double Reduction(double before, double after) => before == 0 ? 0 : 1 - (after / before);
}
