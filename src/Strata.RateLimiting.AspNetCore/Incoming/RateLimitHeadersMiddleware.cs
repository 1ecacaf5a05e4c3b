using Microsoft.AspNetCore.Http;

namespace Strata.RateLimiting.AspNetCore.Incoming;

/// <summary>Makes the request visible to Strata-wrapped limiters for the rest of the pipeline.</summary>
internal sealed class RateLimitHeadersMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Set inside this async method, the value flows down the pipeline and is gone once the method returns.
        var recorder = RateLimitResponseRecorder.Begin(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            recorder.End();
        }
    }
}
