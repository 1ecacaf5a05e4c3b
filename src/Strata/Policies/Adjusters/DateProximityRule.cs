namespace Strata.Policies.Adjusters;

/// <summary>A rule of <see cref="DateProximityAdjuster{TParameters}"/>: how to adjust the duration when the date is
/// near (<see cref="Within"/>) or far (<see cref="Beyond"/>).</summary>
public sealed class DateProximityRule
{
    private DateProximityRule(TimeSpan threshold, bool isBeyond, DurationAdjustment adjustment)
    {
        Threshold = threshold;
        IsBeyond = isBeyond;
        Adjustment = adjustment;
    }

    /// <summary>The window or horizon the time until the date is compared with.</summary>
    public TimeSpan Threshold { get; }

    /// <summary>True for a <see cref="Beyond"/> rule, false for a <see cref="Within"/> rule.</summary>
    public bool IsBeyond { get; }

    /// <summary>What the rule does to the duration.</summary>
    public DurationAdjustment Adjustment { get; }

    /// <summary>Applies when the date is less than <paramref name="window"/> away (exactly <paramref name="window"/>
    /// away is outside); a date already past is within every window.</summary>
    /// <param name="window">The window, zero or more.</param>
    /// <param name="adjustment">What to do to the duration.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="adjustment"/> is null.</exception>
    public static DateProximityRule Within(TimeSpan window, DurationAdjustment adjustment)
    {
        DurationAdjustment.ThrowIfNegative(window, nameof(window));
        ArgumentNullException.ThrowIfNull(adjustment);
        return new DateProximityRule(window, isBeyond: false, adjustment);
    }

    /// <summary>Applies when the date is more than <paramref name="horizon"/> away (exactly <paramref name="horizon"/>
    /// away is not beyond).</summary>
    /// <param name="horizon">The horizon, zero or more.</param>
    /// <param name="adjustment">What to do to the duration.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="adjustment"/> is null.</exception>
    public static DateProximityRule Beyond(TimeSpan horizon, DurationAdjustment adjustment)
    {
        DurationAdjustment.ThrowIfNegative(horizon, nameof(horizon));
        ArgumentNullException.ThrowIfNull(adjustment);
        return new DateProximityRule(horizon, isBeyond: true, adjustment);
    }
}
