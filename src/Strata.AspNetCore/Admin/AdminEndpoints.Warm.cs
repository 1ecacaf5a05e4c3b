using Microsoft.AspNetCore.Http;

namespace Strata.AspNetCore.Admin;

internal static partial class AdminEndpoints
{
    /// <summary>
    /// <c>POST warm?warmer=</c>: runs every registered <see cref="IStrataWarmer"/> (or the named one) now and answers
    /// when the runs end; a run already in progress is joined. 200 when all succeeded, 500 with the same report when
    /// one failed or timed out, 404 for an unknown warmer or when no warm-up is registered.
    /// </summary>
    private static async Task<IResult> WarmAsync(HttpRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService(typeof(IStrataWarmup)) is not IStrataWarmup warmup)
        {
            return AdminProblems.NotConfigured("Warm-up", "Register warmers with services.AddStrataWarmer<T>().");
        }

        var name = request.Query["warmer"].ToString() is { Length: > 0 } n ? n : null;
        StrataWarmupReport report;
        try
        {
            report = await warmup.RunAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException error)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown warmer", detail: error.Message);
        }

        var body = new
        {
            succeeded = report.Succeeded,
            warmers = report.Warmers.Select(w => new
            {
                name = w.Name,
                outcome = w.LastOutcome.ToString(),
                itemsWarmed = w.ItemsWarmed,
                durationMs = w.LastDuration?.TotalMilliseconds,
                error = w.LastError,
            }),
        };
        return report.Succeeded ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status500InternalServerError);
    }
}
