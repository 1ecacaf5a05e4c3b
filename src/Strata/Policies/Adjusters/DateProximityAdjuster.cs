namespace Strata.Policies.Adjusters;

/// <summary>
/// Adjusts the duration by how far away a date of the call's parameters is (a flight's departure, a hotel's check-in):
/// prices near the date move fast, so those entries live shorter; far dates are stable, so they live longer.
/// </summary>
/// <remarks>
/// <para>The time until the date is <c>date - context.Now</c>. The tightest <see cref="DateProximityRule.Within"/> rule
/// it falls in applies; otherwise the farthest <see cref="DateProximityRule.Beyond"/> rule it exceeds; otherwise the
/// duration is left as it is. Nothing changes when the parameters are not a <typeparamref name="TParameters"/> or the
/// selector returns null.</para>
/// <para>The seeds' flight and hotel rules (<c>calculate_flight_search_ttl</c>, <c>calculate_hotel_search_ttl</c>)
/// expressed with the built-in adjusters. The seeds stop at the first rule of any kind that matches; adjusters of a
/// policy compose instead (each sees the previous one's duration), and a clamp keeps the product sane.</para>
/// </remarks>
/// <example>
/// <code>
/// // FLIGHT_SEARCH, 10 minutes: departure within 3 days x0.5, within 7 days x0.75, beyond 90 days x1.5;
/// // fewer than 5 offers x0.75, more than 50 x1.25; departing within 24 hours: at most 2 minutes.
/// ICacheDurationAdjuster[] flightSearch =
/// [
///     new DateProximityAdjuster&lt;FlightSearch&gt;(
///         static p =&gt; new DateTimeOffset(p.DepartureDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
///         [
///             DateProximityRule.Within(TimeSpan.FromDays(1), DurationAdjustment.AtMost(TimeSpan.FromMinutes(2))),
///             DateProximityRule.Within(TimeSpan.FromDays(3), DurationAdjustment.Multiply(0.5)),
///             DateProximityRule.Within(TimeSpan.FromDays(7), DurationAdjustment.Multiply(0.75)),
///             DateProximityRule.Beyond(TimeSpan.FromDays(90), DurationAdjustment.Multiply(1.5)),
///         ]),
///     new ResultCountAdjuster&lt;FlightOffers&gt;(
///         static r =&gt; r.Offers.Count,
///         [
///             ResultCountRule.FewerThan(5, DurationAdjustment.Multiply(0.75)),
///             ResultCountRule.MoreThan(50, DurationAdjustment.Multiply(1.25)),
///         ]),
///     new DurationClamp(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(20)),
/// ];
///
/// // HOTEL_SEARCH, 30 minutes: check-in within 7 days x0.6, within 14 days x0.8, beyond 60 days x1.3;
/// // check-in in peak season (June to August by default) x0.75; fewer than 10 accommodations x0.8.
/// ICacheDurationAdjuster[] hotelSearch =
/// [
///     new DateProximityAdjuster&lt;HotelSearch&gt;(
///         static p =&gt; new DateTimeOffset(p.CheckIn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
///         [
///             DateProximityRule.Within(TimeSpan.FromDays(7), DurationAdjustment.Multiply(0.6)),
///             DateProximityRule.Within(TimeSpan.FromDays(14), DurationAdjustment.Multiply(0.8)),
///             DateProximityRule.Beyond(TimeSpan.FromDays(60), DurationAdjustment.Multiply(1.3)),
///         ]),
///     new SeasonAdjuster&lt;HotelSearch&gt;(
///         [new SeasonRange(6, 1, 8, 31)],
///         DurationAdjustment.Multiply(0.75),
///         static p =&gt; new DateTimeOffset(p.CheckIn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
///     new ResultCountAdjuster&lt;HotelResults&gt;(
///         static r =&gt; r.Accommodations.Count,
///         [ResultCountRule.FewerThan(10, DurationAdjustment.Multiply(0.8))]),
///     new DurationClamp(TimeSpan.FromMinutes(5), TimeSpan.FromHours(1)),
/// ];
/// </code>
/// </example>
/// <typeparam name="TParameters">The type of the call's parameters (<see cref="CacheDurationContext.Parameters"/>).</typeparam>
public sealed class DateProximityAdjuster<TParameters> : ICacheDurationAdjuster
{
    private readonly Func<TParameters, DateTimeOffset?> _dateSelector;
    private readonly ThresholdTable<TimeSpan> _rules;

    /// <summary>Creates the adjuster.</summary>
    /// <param name="dateSelector">Reads the date from the parameters; null when there is none.</param>
    /// <param name="rules">The rules, in any order; at least one, no two of a kind with the same threshold.</param>
    /// <exception cref="ArgumentNullException">An argument or a rule is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="rules"/> is empty or has two rules of a kind with the same threshold.</exception>
    public DateProximityAdjuster(Func<TParameters, DateTimeOffset?> dateSelector, IEnumerable<DateProximityRule> rules)
    {
        ArgumentNullException.ThrowIfNull(dateSelector);
        ArgumentNullException.ThrowIfNull(rules);
        _dateSelector = dateSelector;
        _rules = new ThresholdTable<TimeSpan>(
            rules.Select(static rule => rule is null
                ? throw new ArgumentNullException(nameof(rules), "A rule is null.")
                : (rule.Threshold, rule.IsBeyond, rule.Adjustment)),
            nameof(rules));
    }

    /// <inheritdoc/>
    public TimeSpan Adjust(in CacheDurationContext context, TimeSpan duration)
    {
        if (context.Parameters is not TParameters parameters || _dateSelector(parameters) is not { } date)
        {
            return duration;
        }

        return _rules.Find(date - context.Now)?.Apply(duration) ?? duration;
    }
}
