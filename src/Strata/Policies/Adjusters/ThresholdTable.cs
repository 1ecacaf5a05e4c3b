namespace Strata.Policies.Adjusters;

/// <summary>
/// The rules of a threshold adjuster, ordered once: "below" rules (near, few) by ascending threshold so the tightest
/// match wins, then "above" rules (far, many) by descending threshold. A value matching rules of both kinds takes the
/// "below" rule: shortening is the safe side for a cache.
/// </summary>
internal sealed class ThresholdTable<T>
    where T : struct, IComparable<T>
{
    private readonly (T Threshold, DurationAdjustment Adjustment)[] _below;
    private readonly (T Threshold, DurationAdjustment Adjustment)[] _above;

    public ThresholdTable(IEnumerable<(T Threshold, bool Above, DurationAdjustment Adjustment)> rules, string paramName)
    {
        var below = new List<(T, DurationAdjustment)>();
        var above = new List<(T, DurationAdjustment)>();
        foreach (var (threshold, isAbove, adjustment) in rules)
        {
            var list = isAbove ? above : below;
            if (list.Exists(rule => rule.Item1.CompareTo(threshold) == 0))
            {
                throw new ArgumentException($"Two rules of the same kind have the threshold {threshold}; keep one.", paramName);
            }

            list.Add((threshold, adjustment));
        }

        if (below.Count + above.Count == 0)
        {
            throw new ArgumentException("At least one rule is required.", paramName);
        }

        below.Sort(static (x, y) => x.Item1.CompareTo(y.Item1));
        above.Sort(static (x, y) => y.Item1.CompareTo(x.Item1));
        _below = [.. below];
        _above = [.. above];
    }

    /// <summary>The adjustment of the rule that applies to <paramref name="value"/>, or null.</summary>
    public DurationAdjustment? Find(T value)
    {
        foreach (var (threshold, adjustment) in _below)
        {
            if (value.CompareTo(threshold) < 0)
            {
                return adjustment;
            }
        }

        foreach (var (threshold, adjustment) in _above)
        {
            if (value.CompareTo(threshold) > 0)
            {
                return adjustment;
            }
        }

        return null;
    }
}
