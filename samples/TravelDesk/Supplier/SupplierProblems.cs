using System.Globalization;
using TravelDesk.Caching;

namespace TravelDesk.Supplier;

/// <summary>
/// Runs a supplier-backed answer and turns <see cref="SupplierUnavailableException"/> into a 503 problem with
/// <c>Retry-After</c> when known. It only happens when the cache had nothing stale to serve instead.
/// </summary>
internal static class SupplierProblems
{
    public static async Task<IResult> AnswerAsync<T>(HttpContext http, TimeProvider time, Func<ValueTask<CachedAnswer<T>>> answer)
    {
        try
        {
            var result = await answer().ConfigureAwait(false);
            result.WriteHeaders(http.Response, time);
            return Results.Ok(result.Value);
        }
        catch (SupplierUnavailableException exception)
        {
            if (exception.RetryAfter is { } wait && wait > TimeSpan.Zero)
            {
                http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The travel supplier is unavailable and nothing cached can stand in.",
                detail: exception.Message,
                extensions: new Dictionary<string, object?> { ["operation"] = exception.Operation, ["supplierStatus"] = exception.StatusCode });
        }
    }
}
