using System.Globalization;

namespace TravelDesk.Supplier.Http;

/// <summary>
/// The supplier's error answers, all RFC 9457 problem details: 400 lists every bad parameter under <c>errors</c>
/// keyed by the parameter's name (what a client shows or logs), 404 names the unknown code, 429 and 503 say why.
/// </summary>
internal static class ProblemResults
{
    public static IResult BadRequest(IReadOnlyDictionary<string, string[]> errors) => Results.ValidationProblem(
        errors,
        detail: string.Join(" ", errors.SelectMany(e => e.Value)),
        title: "Invalid request parameters");

    public static IResult NotFound(string what, string code) => Results.Problem(
        detail: $"Unknown {what} '{code}'.",
        statusCode: StatusCodes.Status404NotFound,
        title: $"Unknown {what}");

    public static IResult TooManySearches(HttpContext context, int limit, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(
            detail: $"The supplier allows {limit} searches per minute across all callers; retry after {retryAfterSeconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many searches",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = retryAfterSeconds });
    }

    public static IResult Unavailable(bool outage) => Results.Problem(
        detail: outage
            ? "The supplier is in a (simulated) outage; every request fails until it ends."
            : "The supplier failed to answer (simulated error); retrying may succeed.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: outage ? "Supplier outage" : "Supplier error");
}
