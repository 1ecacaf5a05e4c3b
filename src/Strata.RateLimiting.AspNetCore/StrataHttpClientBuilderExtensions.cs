using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Strata.RateLimiting.AspNetCore.Outgoing;

namespace Strata.RateLimiting.AspNetCore;

/// <summary>Registers Strata's outgoing throttle on a named <see cref="HttpClient"/>.</summary>
public static class StrataHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds a handler that waits (at most <see cref="HttpClientRateLimitOptions.MaxWait"/>) for a permit before each
    /// request, and holds a partition after the upstream answers 429/503 with <c>Retry-After</c>, <c>RateLimit</c> or
    /// <c>X-RateLimit-Reset</c>, so nothing more is sent to it before that time.
    /// </summary>
    /// <remarks>
    /// Handlers run in the order they are added: add this one after a retry handler (so every attempt is throttled)
    /// and call it once per client. The 429 response itself is returned to the caller, not retried: retrying is a
    /// policy decision (idempotency) for the caller or a resilience pipeline.
    /// </remarks>
    /// <param name="builder">The client's builder from <c>AddHttpClient</c>.</param>
    /// <param name="configure">Sets the limiter and bounds; validated when the client is first created.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddStrataRateLimit(this IHttpClientBuilder builder, Action<HttpClientRateLimitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var name = builder.Name;
        builder.Services.AddOptions<HttpClientRateLimitOptions>(name).Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<HttpClientRateLimitOptions>, HttpClientRateLimitOptionsValidator>());
        // One state per client name, outside the handler: IHttpClientFactory recycles handlers every few minutes, and
        // holds and limiter must outlive them.
        builder.Services.TryAddKeyedSingleton(name, static (sp, key) => OutgoingRateLimitState.Create(sp, (string)key!));
        builder.AddHttpMessageHandler(sp => new OutgoingRateLimitHandler(sp.GetRequiredKeyedService<OutgoingRateLimitState>(name)));
        return builder;
    }
}
