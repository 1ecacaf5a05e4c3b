namespace TravelDesk.Tests.Infrastructure;

/// <summary>Dates relative to today, as the service validates them (UTC).</summary>
public static class TravelDates
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string InDays(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string InDays(DateOnly today, int days) => today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
