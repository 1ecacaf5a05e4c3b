using Microsoft.AspNetCore.Builder;
using Strata.RateLimiting.AspNetCore.Incoming;

namespace Strata.RateLimiting.AspNetCore;

/// <summary>Pipeline registration for the RateLimit fields on acquired responses.</summary>
public static class StrataRateLimiterApplicationBuilderExtensions
{
    /// <summary>
    /// Adds ASP.NET Core's rate limiter (<c>UseRateLimiter</c>) preceded by <see cref="UseStrataRateLimitHeaders"/>, so
    /// requests admitted by a policy added with <c>AddStrataPolicy</c> carry <c>RateLimit-Policy</c> and
    /// <c>RateLimit</c> (remaining and reset), as draft-ietf-httpapi-ratelimit-headers intends, not only rejections.
    /// Place it where <c>UseRateLimiter</c> would go: after <c>UseRouting</c> and authentication when policies partition
    /// by route or user.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static IApplicationBuilder UseStrataRateLimiter(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseStrataRateLimitHeaders().UseRateLimiter();
    }

    /// <summary>
    /// Lets the limiters of <c>AddStrataPolicy</c> policies write the RateLimit fields of acquired leases on the
    /// response. Must come before <c>UseRateLimiter</c>; <see cref="UseStrataRateLimiter"/> does both.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static IApplicationBuilder UseStrataRateLimitHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(static next => new RateLimitHeadersMiddleware(next).InvokeAsync);
    }
}
