namespace Strata.Policies.Adjusters;

/// <summary>A rule of <see cref="ResultCountAdjuster{TResult}"/>: how to adjust the duration when a result has few
/// (<see cref="FewerThan"/>) or many (<see cref="MoreThan"/>) items.</summary>
public sealed class ResultCountRule
{
    private ResultCountRule(int threshold, bool isMoreThan, DurationAdjustment adjustment)
    {
        Threshold = threshold;
        IsMoreThan = isMoreThan;
        Adjustment = adjustment;
    }

    /// <summary>The count the result's count is compared with.</summary>
    public int Threshold { get; }

    /// <summary>True for a <see cref="MoreThan"/> rule, false for a <see cref="FewerThan"/> rule.</summary>
    public bool IsMoreThan { get; }

    /// <summary>What the rule does to the duration.</summary>
    public DurationAdjustment Adjustment { get; }

    /// <summary>Applies when the count is less than <paramref name="count"/>: <c>FewerThan(1, ...)</c> matches empty
    /// results.</summary>
    /// <param name="count">The count, one or more.</param>
    /// <param name="adjustment">What to do to the duration.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than one.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="adjustment"/> is null.</exception>
    public static ResultCountRule FewerThan(int count, DurationAdjustment adjustment)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(adjustment);
        return new ResultCountRule(count, isMoreThan: false, adjustment);
    }

    /// <summary>Applies when the count is greater than <paramref name="count"/>.</summary>
    /// <param name="count">The count, zero or more.</param>
    /// <param name="adjustment">What to do to the duration.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="adjustment"/> is null.</exception>
    public static ResultCountRule MoreThan(int count, DurationAdjustment adjustment)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(adjustment);
        return new ResultCountRule(count, isMoreThan: true, adjustment);
    }
}
