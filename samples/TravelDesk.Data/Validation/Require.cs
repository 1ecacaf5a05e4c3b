using System.Diagnostics.CodeAnalysis;

namespace TravelDesk.Data.Validation;

/// <summary>Argument checks that fail with a <see cref="DataValidationException"/> naming the field, for the service to turn into 400.</summary>
internal static class Require
{
    public static void InRange(int value, int min, int max, string field)
    {
        if (value < min || value > max)
        {
            Fail(field, $"{field} must be between {min} and {max} (was {value}).");
        }
    }

    public static string Text(string? value, int maxLength, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            Fail(field, $"{field} is required.");
        }

        if (trimmed.Length > maxLength)
        {
            Fail(field, $"{field} must be at most {maxLength} characters (was {trimmed.Length}).");
        }

        return trimmed;
    }

    /// <summary>Distinct, positive ids, at most <paramref name="maxCount"/> of them; <see langword="null"/> stays null.</summary>
    public static IReadOnlyList<int>? Ids(IReadOnlyList<int>? ids, int maxCount, string field, bool allowEmpty = false)
    {
        if (ids is null)
        {
            return null;
        }

        if (ids.Count == 0 && !allowEmpty)
        {
            Fail(field, $"{field} must not be empty; leave it out to not filter.");
        }

        if (ids.Count > maxCount)
        {
            Fail(field, $"{field} must have at most {maxCount} entries (had {ids.Count}).");
        }

        foreach (var id in ids)
        {
            if (id <= 0)
            {
                Fail(field, $"{field} must contain positive ids (found {id}).");
            }
        }

        return [.. ids.Distinct().Order()];
    }

    [DoesNotReturn]
    public static void Fail(string field, string message) => throw new DataValidationException(field, message);
}
