namespace Strata.AspNetCore;

/// <summary>
/// Fills the cache ahead of traffic (popular routes, reference data). Registered with
/// <c>services.AddStrataWarmer&lt;T&gt;()</c> as a singleton; run at start-up (in the background), on a schedule
/// (<see cref="StrataWarmupOptions.Interval"/>) and on demand (<see cref="IStrataWarmup.RunAsync"/>).
/// </summary>
/// <remarks>
/// A warmer that throws is reported <see cref="StrataWarmupState.Failed"/>; one that outlives
/// <see cref="StrataWarmupOptions.Timeout"/> is reported <see cref="StrataWarmupState.TimedOut"/> and its token is
/// cancelled. Neither ever fails the host. Scoped services (a DbContext) come from
/// <see cref="StrataWarmupContext.Services"/>, a scope created for each run.
/// </remarks>
public interface IStrataWarmer
{
    /// <summary>A unique, stable name (status, logs, <c>POST warm?name=</c>).</summary>
    string Name { get; }

    /// <summary>Warms the cache through <see cref="StrataWarmupContext.Cache"/>, reporting progress with
    /// <see cref="StrataWarmupContext.ReportItems"/>.</summary>
    /// <param name="context">The cache, the run's scoped services, and the progress counter.</param>
    /// <param name="cancellationToken">Cancelled when the run times out or the host stops.</param>
    /// <returns>Completes when warmed.</returns>
    ValueTask WarmAsync(StrataWarmupContext context, CancellationToken cancellationToken);
}
