namespace Strata.AspNetCore;

/// <summary>
/// Runs warmers on demand and reports their status (what the admin API's <c>POST warm</c> and status page use).
/// Registered by <c>AddStrataWarmup</c> / <c>AddStrataWarmer&lt;T&gt;</c>.
/// </summary>
public interface IStrataWarmup
{
    /// <summary>The start-up run's progress and every warmer's state and last run.</summary>
    StrataWarmupStatus Status { get; }

    /// <summary>
    /// Runs one warmer (<paramref name="warmerName"/>) or all (null), each bounded by
    /// <see cref="StrataWarmupOptions.Timeout"/>. A warmer already running (start-up, schedule, another caller) is
    /// joined, not started twice. Failures and timeouts are reported in the result, never thrown.
    /// </summary>
    /// <param name="warmerName">A warmer's name (case-insensitive), or null for every warmer.</param>
    /// <param name="cancellationToken">Stops waiting; the runs go on.</param>
    /// <returns>The runs' outcomes.</returns>
    /// <exception cref="KeyNotFoundException">No warmer has that name; the message lists the known ones.</exception>
    Task<StrataWarmupReport> RunAsync(string? warmerName = null, CancellationToken cancellationToken = default);
}
