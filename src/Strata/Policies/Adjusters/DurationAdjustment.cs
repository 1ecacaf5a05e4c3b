using System.Globalization;

namespace Strata.Policies.Adjusters;

/// <summary>What a matching rule does to an entry's duration: multiply it, replace it, or cap it.</summary>
public sealed class DurationAdjustment
{
    private readonly double _factor;
    private readonly TimeSpan? _fixed;
    private readonly TimeSpan? _cap;

    private DurationAdjustment(double factor, TimeSpan? fixedDuration, TimeSpan? cap)
    {
        _factor = factor;
        _fixed = fixedDuration;
        _cap = cap;
    }

    /// <summary>Multiplies the duration by <paramref name="factor"/> (rounded to the tick, at most
    /// <see cref="TimeSpan.MaxValue"/>): 0.5 halves it, 1.5 adds half.</summary>
    /// <param name="factor">A finite factor, zero or more.</param>
    /// <returns>The adjustment.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative, NaN or infinite.</exception>
    public static DurationAdjustment Multiply(double factor)
    {
        if (!double.IsFinite(factor) || factor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be a finite number, zero or more.");
        }

        return new DurationAdjustment(factor, null, null);
    }

    /// <summary>Replaces the duration by <paramref name="duration"/>, e.g. 2 minutes for a flight departing today.</summary>
    /// <param name="duration">The duration, zero or more.</param>
    /// <returns>The adjustment.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public static DurationAdjustment Fixed(TimeSpan duration)
    {
        ThrowIfNegative(duration, nameof(duration));
        return new DurationAdjustment(1, duration, null);
    }

    /// <summary>Caps the duration at <paramref name="duration"/>, leaving a shorter one (from an earlier adjuster) as it is.</summary>
    /// <param name="duration">The cap, zero or more.</param>
    /// <returns>The adjustment.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public static DurationAdjustment AtMost(TimeSpan duration)
    {
        ThrowIfNegative(duration, nameof(duration));
        return new DurationAdjustment(1, null, duration);
    }

    /// <summary>Applies the adjustment to <paramref name="duration"/>.</summary>
    /// <param name="duration">The duration so far.</param>
    /// <returns>The adjusted duration.</returns>
    public TimeSpan Apply(TimeSpan duration)
    {
        if (_fixed is { } replacement)
        {
            return replacement;
        }

        if (_cap is { } cap)
        {
            return duration < cap ? duration : cap;
        }

        // TimeSpan's own operator throws on overflow; a very long duration times a factor is simply "very long".
        var ticks = Math.Round(duration.Ticks * _factor);
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue
            : ticks <= TimeSpan.MinValue.Ticks ? TimeSpan.MinValue
            : TimeSpan.FromTicks((long)ticks);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        _fixed is { } replacement ? $"= {replacement.ToString("c", CultureInfo.InvariantCulture)}"
        : _cap is { } cap ? $"<= {cap.ToString("c", CultureInfo.InvariantCulture)}"
        : $"x {_factor.ToString(CultureInfo.InvariantCulture)}";

    internal static void ThrowIfNegative(TimeSpan value, string paramName)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "The duration must not be negative.");
        }
    }
}
