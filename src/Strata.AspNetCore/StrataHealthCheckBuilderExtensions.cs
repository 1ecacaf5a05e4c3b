using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Strata.AspNetCore.Health;

namespace Strata.AspNetCore;

/// <summary>Registers Strata's readiness and liveness checks with ASP.NET Core health checks.</summary>
/// <example>
/// <code>
/// builder.Services.AddStrata().WithRedis("redis://cache:6379").AddHealthCheck().AddHealthChecks();
/// app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
/// app.MapHealthChecks("/health/live", new() { Predicate = c => c.Tags.Contains("live") });
/// </code>
/// </example>
public static class StrataHealthCheckBuilderExtensions
{
    /// <summary>Registers <c>strata-ready</c> (tag <c>ready</c>) and <c>strata-live</c> (tag <c>live</c>); see
    /// <see cref="AddHealthChecks(IStrataBuilder, Action{StrataHealthOptions})"/>.</summary>
    /// <param name="builder">The Strata builder.</param>
    /// <returns>The same builder.</returns>
    public static IStrataBuilder AddHealthChecks(this IStrataBuilder builder) => builder.AddHealthChecks(static _ => { });

    /// <summary>
    /// Registers two checks.
    /// <para><b>Readiness</b> (<c>strata-ready</c>, tag <c>ready</c>): Unhealthy until the start-up warm-up has ended
    /// (when warm-up is registered); then Healthy, or Degraded — still serving — with the reasons when a warmer's last
    /// run failed or timed out, when L2 does not answer a ping within <see cref="StrataHealthOptions.L2ProbeTimeout"/>
    /// (L1 and the factories serve), or when the engine's L2 breaker is not closed (read from the engine's check when
    /// <c>AddHealthCheck()</c> registered it).</para>
    /// <para><b>Liveness</b> (<c>strata-live</c>, tag <c>live</c>): Healthy while the engine answers an L1-only write
    /// and read within <see cref="StrataHealthOptions.LivenessTimeout"/>; L2 is not involved, so an outage of Redis
    /// never restarts the process.</para>
    /// </summary>
    /// <param name="builder">The Strata builder.</param>
    /// <param name="configure">Names, tags and probe limits; applied now, since checks are registered by name.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static IStrataBuilder AddHealthChecks(this IStrataBuilder builder, Action<StrataHealthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new StrataHealthOptions();
        configure(options);
        Validate(options);

        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(
                options.ReadinessName,
                provider => StrataReadinessCheck.Create(provider, options),
                failureStatus: HealthStatus.Unhealthy,
                tags: [.. options.ReadinessTags]))
            .Add(new HealthCheckRegistration(
                options.LivenessName,
                provider => new StrataLivenessCheck(provider.GetRequiredService<StrataCache>()),
                failureStatus: HealthStatus.Unhealthy,
                tags: [.. options.LivenessTags],
                timeout: options.LivenessTimeout));
        return builder;
    }

    private static void Validate(StrataHealthOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ReadinessName) || string.IsNullOrWhiteSpace(options.LivenessName))
        {
            throw new ArgumentException("StrataHealthOptions.ReadinessName and LivenessName must not be empty.", nameof(options));
        }

        if (string.Equals(options.ReadinessName, options.LivenessName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"StrataHealthOptions.ReadinessName and LivenessName are both '{options.ReadinessName}'; check names must be unique.", nameof(options));
        }

        if (options.L2ProbeTimeout is { } probe && (probe <= TimeSpan.Zero || probe > TimeSpan.FromMinutes(5)))
        {
            throw new ArgumentException($"StrataHealthOptions.L2ProbeTimeout must be positive and at most 5 minutes, or null (was {probe}).", nameof(options));
        }

        if (options.LivenessTimeout <= TimeSpan.Zero || options.LivenessTimeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"StrataHealthOptions.LivenessTimeout must be positive and at most 5 minutes (was {options.LivenessTimeout}).", nameof(options));
        }
    }
}
