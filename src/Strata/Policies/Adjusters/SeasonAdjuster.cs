namespace Strata.Policies.Adjusters;

/// <summary>
/// Adjusts the duration when a date falls in a peak season (hotel prices move faster in high season, so those entries
/// live shorter). The date is read from the call's parameters (a check-in) or, without a selector, is the cache's
/// clock (<see cref="CacheDurationContext.Now"/>).
/// </summary>
/// <remarks>
/// With a selector, nothing changes when the parameters are not a <typeparamref name="TParameters"/> or the selector
/// returns null. Without one, pass <see cref="object"/> as <typeparamref name="TParameters"/>. See
/// <see cref="DateProximityAdjuster{TParameters}"/> for the seeds' rules built from the adjusters.
/// </remarks>
/// <typeparam name="TParameters">The type of the call's parameters (<see cref="CacheDurationContext.Parameters"/>).</typeparam>
public sealed class SeasonAdjuster<TParameters> : ICacheDurationAdjuster
{
    private readonly SeasonRange[] _peakSeasons;
    private readonly DurationAdjustment _inSeason;
    private readonly Func<TParameters, DateTimeOffset?>? _dateSelector;

    /// <summary>Creates the adjuster.</summary>
    /// <param name="peakSeasons">The peak seasons; at least one.</param>
    /// <param name="inSeason">What to do to the duration in a peak season, e.g. <c>Multiply(0.75)</c>.</param>
    /// <param name="dateSelector">Reads the date from the parameters; null to use the cache's clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="peakSeasons"/> or <paramref name="inSeason"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="peakSeasons"/> is empty.</exception>
    public SeasonAdjuster(
        IEnumerable<SeasonRange> peakSeasons,
        DurationAdjustment inSeason,
        Func<TParameters, DateTimeOffset?>? dateSelector = null)
    {
        ArgumentNullException.ThrowIfNull(peakSeasons);
        ArgumentNullException.ThrowIfNull(inSeason);
        _peakSeasons = [.. peakSeasons];
        if (_peakSeasons.Length == 0)
        {
            throw new ArgumentException("At least one peak season is required.", nameof(peakSeasons));
        }

        _inSeason = inSeason;
        _dateSelector = dateSelector;
    }

    /// <inheritdoc/>
    public TimeSpan Adjust(in CacheDurationContext context, TimeSpan duration)
    {
        DateTimeOffset date;
        if (_dateSelector is null)
        {
            date = context.Now;
        }
        else if (context.Parameters is TParameters parameters && _dateSelector(parameters) is { } selected)
        {
            date = selected;
        }
        else
        {
            return duration;
        }

        foreach (var season in _peakSeasons)
        {
            if (season.Contains(date))
            {
                return _inSeason.Apply(duration);
            }
        }

        return duration;
    }
}
