namespace Strata.Policies.Adjusters;

/// <summary>
/// Adjusts the duration by how many items the factory's result holds: an empty or thin result may be a transient gap
/// upstream, so it should not be cached long; a rich result is stable and may live longer.
/// </summary>
/// <remarks>
/// The tightest <see cref="ResultCountRule.FewerThan"/> rule the count falls under applies; otherwise the highest
/// <see cref="ResultCountRule.MoreThan"/> rule it exceeds; otherwise the duration is left as it is. Nothing changes
/// when the result is not a <typeparamref name="TResult"/> (or is null). See <see cref="DateProximityAdjuster{TParameters}"/>
/// for the seeds' rules built from the adjusters.
/// </remarks>
/// <typeparam name="TResult">The type of the factory's result (<see cref="CacheDurationContext.Result"/>).</typeparam>
public sealed class ResultCountAdjuster<TResult> : ICacheDurationAdjuster
{
    private readonly Func<TResult, int> _countSelector;
    private readonly ThresholdTable<int> _rules;

    /// <summary>Creates the adjuster.</summary>
    /// <param name="countSelector">Counts the items of a result.</param>
    /// <param name="rules">The rules, in any order; at least one, no two of a kind with the same threshold.</param>
    /// <exception cref="ArgumentNullException">An argument or a rule is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="rules"/> is empty or has two rules of a kind with the same threshold.</exception>
    public ResultCountAdjuster(Func<TResult, int> countSelector, IEnumerable<ResultCountRule> rules)
    {
        ArgumentNullException.ThrowIfNull(countSelector);
        ArgumentNullException.ThrowIfNull(rules);
        _countSelector = countSelector;
        _rules = new ThresholdTable<int>(
            rules.Select(static rule => rule is null
                ? throw new ArgumentNullException(nameof(rules), "A rule is null.")
                : (rule.Threshold, rule.IsMoreThan, rule.Adjustment)),
            nameof(rules));
    }

    /// <inheritdoc/>
    public TimeSpan Adjust(in CacheDurationContext context, TimeSpan duration) =>
        context.Result is TResult result
            ? _rules.Find(_countSelector(result))?.Apply(duration) ?? duration
            : duration;
}
