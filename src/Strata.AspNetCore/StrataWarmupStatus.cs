namespace Strata.AspNetCore;

/// <summary>A snapshot of warm-up: whether the start-up run is over, and every warmer's status.</summary>
public sealed class StrataWarmupStatus
{
    /// <summary>True once the start-up run ended (every warmer succeeded, failed or timed out), or when there is no
    /// start-up run (<see cref="StrataWarmupOptions.RunAtStartup"/> false, or no warmers). Readiness waits for it.</summary>
    public bool StartupCompleted { get; init; }

    /// <summary>Every registered warmer, in registration order.</summary>
    public required IReadOnlyList<StrataWarmerStatus> Warmers { get; init; }
}
