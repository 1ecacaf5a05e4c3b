namespace Strata.RateLimiting;

/// <summary>The calendar window of a <see cref="QuotaRateLimiterOptions">fixed-window quota</see>, on the clock of its time zone.</summary>
public enum QuotaPeriod
{
    /// <summary>Each minute of the zone's clock.</summary>
    Minute,

    /// <summary>Each hour of the zone's clock (zones with a 30- or 45-minute offset reset at their own half hours).</summary>
    Hour,

    /// <summary>Each day, at <see cref="QuotaRateLimiterOptions.ResetTime"/>.</summary>
    Day,

    /// <summary>Each month, on the first day at <see cref="QuotaRateLimiterOptions.ResetTime"/>.</summary>
    Month,
}
