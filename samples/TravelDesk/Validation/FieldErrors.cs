using System.Globalization;

namespace TravelDesk.Validation;

/// <summary>
/// Collects what is wrong with a request, per field, so one 400 names every bad field (RFC 9457 validation problem:
/// <c>errors: { "departure": ["..."] }</c>). Parsing helpers record an error and return null instead of throwing.
/// </summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public IResult ToProblem() => Results.ValidationProblem(ToDictionary(), title: "The request has invalid fields.");

    public string? Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"'{field}' is required.");
            return null;
        }

        return value.Trim();
    }

    public DateOnly? Date(string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, $"'{field}' is required (yyyy-MM-dd).");
            }

            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(field, $"'{field}' must be a date as yyyy-MM-dd, was '{value}'.");
            return null;
        }

        return date;
    }

    /// <summary>Parses a whole number in [<paramref name="min"/>, <paramref name="max"/>]; absent gives <paramref name="fallback"/>.</summary>
    public int? Integer(string field, string? value, int? fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (!int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Add(field, $"'{field}' must be a whole number, was '{value}'.");
            return null;
        }

        if (number < min || number > max)
        {
            Add(field, $"'{field}' must be between {min} and {max}, was {number}.");
            return null;
        }

        return number;
    }

    public bool Boolean(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (!bool.TryParse(value.Trim(), out var flag))
        {
            Add(field, $"'{field}' must be true or false, was '{value}'.");
        }

        return flag;
    }

    /// <summary>Splits a comma list into trimmed, non-empty, upper-cased, de-duplicated, sorted items.</summary>
    public static IReadOnlyList<string> CodeList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(static code => code.ToUpperInvariant())
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
}
