namespace Strata.AspNetCore;

/// <summary>When and how warmers run. Bound from <c>Strata:Warmup</c> when configuration is registered, then code.
/// Validated when the host starts.</summary>
public sealed class StrataWarmupOptions
{
    /// <summary>Run every warmer when the host starts, in the background (start-up is not delayed; readiness reports
    /// Unhealthy until the run ends). Default true.</summary>
    public bool RunAtStartup { get; set; } = true;

    /// <summary>How long one warmer's run may take before it is cancelled and reported
    /// <see cref="StrataWarmupState.TimedOut"/>. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Re-run every warmer this often (on the cache's <see cref="TimeProvider"/>); a warmer still running
    /// when its next turn comes is not started twice. Default null: no schedule.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>How many warmers may run at the same time. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;
}
