namespace Strata.AspNetCore.Admin;

/// <summary>
/// Remaining freshness of sampled entries in fixed buckets (the dashboard's TTL histogram): how soon the cache will
/// go back to the source, at a glance. Entries past freshness but still servable count as <c>stale</c>.
/// </summary>
internal static class TtlDistribution
{
    private static readonly (string Label, TimeSpan UpperBound)[] Buckets =
    [
        ("10s", TimeSpan.FromSeconds(10)),
        ("1m", TimeSpan.FromMinutes(1)),
        ("5m", TimeSpan.FromMinutes(5)),
        ("15m", TimeSpan.FromMinutes(15)),
        ("1h", TimeSpan.FromHours(1)),
        ("6h", TimeSpan.FromHours(6)),
        ("1d", TimeSpan.FromDays(1)),
    ];

    /// <summary>Counts per bucket label, in order: <c>stale</c>, <c>≤10s</c> … <c>≤1d</c>, <c>&gt;1d</c>.</summary>
    public static IReadOnlyList<TtlBucket> Compute(IEnumerable<TimeSpan> remaining)
    {
        var counts = new long[Buckets.Length + 2];
        foreach (var left in remaining)
        {
            counts[IndexOf(left)]++;
        }

        var result = new TtlBucket[counts.Length];
        result[0] = new TtlBucket("stale", counts[0]);
        for (var i = 0; i < Buckets.Length; i++)
        {
            result[i + 1] = new TtlBucket("≤" + Buckets[i].Label, counts[i + 1]);
        }

        result[^1] = new TtlBucket(">" + Buckets[^1].Label, counts[^1]);
        return result;
    }

    private static int IndexOf(TimeSpan left)
    {
        if (left <= TimeSpan.Zero)
        {
            return 0;
        }

        for (var i = 0; i < Buckets.Length; i++)
        {
            if (left <= Buckets[i].UpperBound)
            {
                return i + 1;
            }
        }

        return Buckets.Length + 1;
    }
}
