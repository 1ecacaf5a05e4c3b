using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Strata.AspNetCore.Invalidation;

namespace Strata.AspNetCore;

/// <summary>Pipeline registration for HTTP-driven cache invalidation.</summary>
public static class StrataInvalidationApplicationBuilderExtensions
{
    /// <summary>
    /// After each request whose response is 2xx, invalidates on every node what its endpoint declares
    /// (<c>InvalidatesTags</c>, <c>InvalidatesNamespaces</c>) and what matching rules list — before the response
    /// reaches the client, so the client's next read sees fresh data. Never after 3xx, 4xx, 5xx or an exception.
    /// Place it after <c>UseRouting</c> (endpoint metadata is read from the matched endpoint) and before anything that
    /// short-circuits successful writes. Invalid endpoint metadata fails here, when the host starts.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddStrataInvalidation</c> or <c>AddStrata</c> was not called.</exception>
    public static IApplicationBuilder UseStrataInvalidation(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<InvalidationJournal>() is null)
        {
            throw new InvalidOperationException(
                "UseStrataInvalidation needs services.AddStrataInvalidation() (and services.AddStrata()) in the service registration.");
        }

        if (app.ApplicationServices.GetService<StrataCache>() is null)
        {
            throw new InvalidOperationException("UseStrataInvalidation needs the Strata cache: call services.AddStrata().");
        }

        return app.UseMiddleware<StrataInvalidationMiddleware>();
    }
}
