using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Strata.RateLimiting;

namespace Strata.AspNetCore.Admin;

internal static partial class AdminEndpoints
{
    /// <summary><c>GET ratelimits?top=</c>: every live Strata limiter of this app (created with the app's
    /// <see cref="IMeterFactory"/>), with decisions so far and its busiest partitions.</summary>
    private static IResult RateLimits(HttpRequest request, IServiceProvider services)
    {
        var top = 10;
        var text = request.Query["top"].ToString();
        if (text.Length > 0 && (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out top) || top is < 1 or > 64))
        {
            return AdminProblems.BadRequest("top", $"'top' must be a whole number from 1 to 64 (was '{text}').");
        }

        var usage = StrataRateLimitDiagnostics.GetUsage(services.GetService(typeof(IMeterFactory)) as IMeterFactory, top);
        return TypedResults.Ok(new
        {
            policies = RateLimitUsageJson.From(usage),
        });
    }
}
