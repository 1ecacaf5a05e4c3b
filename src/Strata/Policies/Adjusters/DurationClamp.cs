namespace Strata.Policies.Adjusters;

/// <summary>Keeps the duration between a minimum and a maximum, usually last in a policy's adjusters so that composed
/// factors cannot produce an entry that never lives or never leaves.</summary>
public sealed class DurationClamp : ICacheDurationAdjuster
{
    /// <summary>Creates the clamp.</summary>
    /// <param name="minimum">The shortest duration, zero or more.</param>
    /// <param name="maximum">The longest duration, at least <paramref name="minimum"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is negative or
    /// <paramref name="maximum"/> is less than <paramref name="minimum"/>.</exception>
    public DurationClamp(TimeSpan minimum, TimeSpan maximum)
    {
        DurationAdjustment.ThrowIfNegative(minimum, nameof(minimum));
        if (maximum < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, $"The maximum must be at least the minimum ({minimum}).");
        }

        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The shortest duration.</summary>
    public TimeSpan Minimum { get; }

    /// <summary>The longest duration.</summary>
    public TimeSpan Maximum { get; }

    /// <inheritdoc/>
    public TimeSpan Adjust(in CacheDurationContext context, TimeSpan duration) =>
        duration < Minimum ? Minimum : duration > Maximum ? Maximum : duration;
}
