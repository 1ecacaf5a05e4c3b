namespace Strata.Policies.Adjusters;

/// <summary>
/// A yearly period from a month and day to a month and day, both included, e.g. 1 June to 31 August, or 15 December
/// to 6 January (a range whose start is after its end wraps over the new year).
/// </summary>
public readonly record struct SeasonRange
{
    // Any leap year: 29 February is a valid boundary.
    private const int LeapYear = 2024;

    /// <summary>Creates the range.</summary>
    /// <param name="startMonth">The first month, 1 to 12.</param>
    /// <param name="startDay">The first day of <paramref name="startMonth"/>, included.</param>
    /// <param name="endMonth">The last month, 1 to 12.</param>
    /// <param name="endDay">The last day of <paramref name="endMonth"/>, included.</param>
    /// <exception cref="ArgumentOutOfRangeException">A month is not 1 to 12, or a day does not exist in its month.</exception>
    public SeasonRange(int startMonth, int startDay, int endMonth, int endDay)
    {
        Validate(startMonth, startDay, nameof(startMonth), nameof(startDay));
        Validate(endMonth, endDay, nameof(endMonth), nameof(endDay));
        StartMonth = startMonth;
        StartDay = startDay;
        EndMonth = endMonth;
        EndDay = endDay;
    }

    /// <summary>The first month, 1 to 12.</summary>
    public int StartMonth { get; }

    /// <summary>The first day, included.</summary>
    public int StartDay { get; }

    /// <summary>The last month, 1 to 12.</summary>
    public int EndMonth { get; }

    /// <summary>The last day, included.</summary>
    public int EndDay { get; }

    /// <summary>Whether the calendar day of <paramref name="date"/> (in its own offset) is in the range.</summary>
    /// <param name="date">The date.</param>
    /// <returns>True when in the range.</returns>
    public bool Contains(DateTimeOffset date)
    {
        var day = (date.Month * 100) + date.Day;
        var start = (StartMonth * 100) + StartDay;
        var end = (EndMonth * 100) + EndDay;
        return start <= end
            ? day >= start && day <= end
            : day >= start || day <= end;
    }

    private static void Validate(int month, int day, string monthName, string dayName)
    {
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(monthName, month, "The month must be 1 to 12.");
        }

        if (day < 1 || day > DateTime.DaysInMonth(LeapYear, month))
        {
            throw new ArgumentOutOfRangeException(dayName, day, $"The day must exist in month {month}.");
        }
    }
}
