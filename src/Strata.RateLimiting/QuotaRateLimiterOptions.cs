namespace Strata.RateLimiting;

/// <summary>
/// Options of the fixed-window quota: <see cref="StrataRateLimiterOptions.PermitLimit"/> permits per calendar
/// <see cref="Period"/> (a daily or monthly API quota), resetting at <see cref="ResetTime"/> on the clock of <see cref="TimeZone"/>.
/// </summary>
public sealed class QuotaRateLimiterOptions : StrataRateLimiterOptions
{
    /// <summary>The calendar window. Default <see cref="QuotaPeriod.Day"/>.</summary>
    public QuotaPeriod Period { get; set; } = QuotaPeriod.Day;

    /// <summary>
    /// The zone whose clock defines the windows (DST-aware: a day may last 23 or 25 hours). Default <see cref="TimeZoneInfo.Utc"/>.
    /// </summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>
    /// The time of day, on the zone's clock, at which <see cref="QuotaPeriod.Day"/> and <see cref="QuotaPeriod.Month"/>
    /// windows start; in [0, 24 h). Ignored for minutes and hours. A reset time that falls in a spring-forward gap happens
    /// that many minutes after the gap instead. Default zero (midnight).
    /// </summary>
    public TimeSpan ResetTime { get; set; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (!Enum.IsDefined(Period))
        {
            throw OutOfRange(nameof(Period), Period, "is not a QuotaPeriod value");
        }

        if (TimeZone is null)
        {
            throw new ArgumentNullException(nameof(TimeZone), "QuotaRateLimiterOptions.TimeZone must not be null.");
        }

        if (ResetTime < TimeSpan.Zero || ResetTime >= TimeSpan.FromDays(1))
        {
            throw OutOfRange(nameof(ResetTime), ResetTime, "must be in [0, 24 h)");
        }
    }
}
