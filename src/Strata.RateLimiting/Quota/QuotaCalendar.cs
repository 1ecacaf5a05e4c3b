namespace Strata.RateLimiting.Quota;

/// <summary>
/// Turns a UTC instant into the quota window holding it, on the clock of a time zone: windows are computed as local
/// wall-clock periods and mapped back to UTC, so a DST day lasts 23 or 25 hours and consecutive windows always abut
/// (each window's end is computed exactly like the next one's start).
/// </summary>
internal sealed class QuotaCalendar(QuotaPeriod period, TimeZoneInfo zone, TimeSpan resetTime)
{
    private QuotaWindow? _cached;

    /// <summary>The window holding <paramref name="utcNow"/>; the last answer is cached, as most calls fall in it.</summary>
    public QuotaWindow WindowAt(DateTimeOffset utcNow)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && cached.Contains(utcNow))
        {
            return cached;
        }

        var window = Compute(utcNow);
        Volatile.Write(ref _cached, window);
        return window;
    }

    /// <summary>The window before <paramref name="window"/>.</summary>
    public QuotaWindow Previous(QuotaWindow window) => Compute(window.Start.AddTicks(-1));

    /// <summary>The window after <paramref name="window"/>.</summary>
    public QuotaWindow Next(QuotaWindow window) => Compute(window.End);

    private QuotaWindow Compute(DateTimeOffset utcNow)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, zone).DateTime;
        DateTime start;
        DateTime end;
        switch (period)
        {
            case QuotaPeriod.Minute:
                start = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
                end = start.AddMinutes(1);
                break;
            case QuotaPeriod.Hour:
                start = new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0, DateTimeKind.Unspecified);
                end = start.AddHours(1);
                break;
            case QuotaPeriod.Day:
                start = local.Date + resetTime;
                if (local < start)
                {
                    start = start.AddDays(-1);
                }

                end = start.AddDays(1);
                break;
            default:
                start = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified) + resetTime;
                if (local < start)
                {
                    start = start.AddMonths(-1);
                }

                end = start.AddMonths(1);
                break;
        }

        var window = new QuotaWindow(ToUtc(start), ToUtc(end));
        // A boundary inside a DST gap or overlap can place the instant just outside the local-clock window; step over.
        return utcNow < window.Start ? Compute(window.Start.AddTicks(-1))
            : utcNow >= window.End ? Compute(window.End)
            : window;
    }

    // Local wall-clock time to UTC. In an overlap (clocks go back) the first occurrence counts; in a gap (clocks go
    // forward) the time is read with the offset in force before the gap, i.e. it happens the gap's length later.
    private DateTimeOffset ToUtc(DateTime local)
    {
        TimeSpan offset;
        if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else if (zone.IsInvalidTime(local))
        {
            offset = zone.GetUtcOffset(local.AddHours(-3));
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }
}
