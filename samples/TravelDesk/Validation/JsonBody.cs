using System.Text.Json;
using TravelDesk.Hosting;

namespace TravelDesk.Validation;

/// <summary>
/// Reads a JSON request body so that malformed JSON is a 400 naming where it broke (<c>$.maxPrice</c>) instead of
/// the framework's generic binding failure.
/// </summary>
internal static class JsonBody
{
    public const long MaxBytes = 64 * 1024;

    public static async Task<T?> ReadAsync<T>(HttpRequest request, FieldErrors errors, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength is > MaxBytes)
        {
            errors.Add("body", $"The body is larger than {MaxBytes} bytes.");
            return null;
        }

        if (!request.HasJsonContentType())
        {
            errors.Add("body", "The body must be JSON (Content-Type: application/json).");
            return null;
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, TravelDeskJson.StrictRequests, cancellationToken).ConfigureAwait(false);
            if (value is null)
            {
                errors.Add("body", "The body must be a JSON object, was null.");
            }

            return value;
        }
        catch (JsonException exception)
        {
            var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : FieldName(exception.Path);
            errors.Add(field, $"Malformed JSON at {exception.Path ?? "$"} (line {exception.LineNumber + 1}): {FirstSentence(exception.Message)}");
            return null;
        }
    }

    /// <summary><c>$.preferences.maxPrice</c> becomes <c>preferences.maxPrice</c>; <c>$.tagIds[2]</c> stays as is.</summary>
    private static string FieldName(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
