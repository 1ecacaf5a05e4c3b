using System.Globalization;
using Microsoft.Extensions.Primitives;
using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Simulation;

namespace TravelDesk.Supplier.Http;

/// <summary>
/// Reads and checks query parameters, collecting every problem under the parameter's name rather than stopping at the
/// first, so a 400 tells the caller everything at once. Parameters are bound here and not by minimal-API binding,
/// whose failures are bare 400s that name nothing.
/// </summary>
internal sealed class QueryReader(IQueryCollection query, TimeProvider time)
{
    /// <summary>How far ahead the supplier sells: about two years, like airline schedules and hotel inventories.</summary>
    private const int MaxDaysAhead = 730;

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    public void Add(string parameter, string message)
    {
        _errors[parameter] = _errors.TryGetValue(parameter, out var existing) ? [.. existing, message] : [message];
    }

    /// <summary>The trimmed value, or null when absent or blank.</summary>
    public string? Text(string parameter)
    {
        var values = query.TryGetValue(parameter, out var found) ? found : StringValues.Empty;
        var value = values.Count > 0 ? values[0]?.Trim() : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public Airport? Airport(string parameter)
    {
        var code = Required(parameter);
        if (code is null)
        {
            return null;
        }

        if (!SupplierCatalog.TryGetAirport(code, out var airport))
        {
            Add(parameter, $"'{parameter}': unknown airport code '{code}'.");
        }

        return airport;
    }

    public City? City(string parameter)
    {
        var code = Required(parameter);
        if (code is null)
        {
            return null;
        }

        if (!SupplierCatalog.TryGetCity(code, out var city))
        {
            Add(parameter, $"'{parameter}': unknown city code '{code}'.");
        }

        return city;
    }

    /// <summary>
    /// A yyyy-MM-dd date that is neither in the past (judged in <paramref name="timeZone"/>, where the trip happens)
    /// nor more than two years ahead.
    /// </summary>
    public DateOnly? FutureDate(string parameter, string? timeZone, bool required)
    {
        var date = Date(parameter, required);
        if (date is not { } value || timeZone is null)
        {
            return date;
        }

        var today = TimeZones.Today(time, timeZone);
        if (value < today)
        {
            Add(parameter, $"'{parameter}' must not be in the past (today is {today:yyyy-MM-dd} there), was {value:yyyy-MM-dd}.");
            return null;
        }

        if (value.DayNumber - today.DayNumber > MaxDaysAhead)
        {
            Add(parameter, $"'{parameter}' must be within {MaxDaysAhead} days of today ({today:yyyy-MM-dd}), was {value:yyyy-MM-dd}.");
            return null;
        }

        return value;
    }

    public DateOnly? Date(string parameter, bool required)
    {
        var text = required ? Required(parameter) : Text(parameter);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(parameter, $"'{parameter}' must be a date as yyyy-MM-dd, was '{text}'.");
            return null;
        }

        return date;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="fallback"/> when absent.</summary>
    public int? Int(string parameter, int min, int max, int? fallback)
    {
        var text = Text(parameter);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Add(parameter, $"'{parameter}' must be a whole number from {min} to {max}, was '{text}'.");
            return null;
        }

        return value;
    }

    /// <summary>A comma-separated list, entries trimmed, blanks dropped; empty when absent.</summary>
    public IReadOnlyList<string> List(string parameter) =>
        Text(parameter)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    private string? Required(string parameter)
    {
        var text = Text(parameter);
        if (text is null)
        {
            Add(parameter, $"'{parameter}' is required.");
        }

        return text;
    }
}
