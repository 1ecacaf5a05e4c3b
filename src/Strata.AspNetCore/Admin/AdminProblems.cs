using Microsoft.AspNetCore.Http;

namespace Strata.AspNetCore.Admin;

/// <summary>The admin API's errors, as RFC 9457 problem details (<c>application/problem+json</c>).</summary>
internal static class AdminProblems
{
    public static IResult Unauthorized() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Credentials required",
        detail: "Send the admin API key as 'Authorization: Bearer <key>'.");

    public static IResult Forbidden() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Not an admin key",
        detail: "The credentials were presented but do not grant access to the cache admin API.");

    public static IResult BadRequest(string parameter, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: $"Invalid '{parameter}'",
        detail: detail,
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static IResult Unavailable(string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: title,
        detail: detail);

    public static IResult NotConfigured(string feature, string how) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"{feature} is not configured",
        detail: how);
}
