namespace Strata.AspNetCore;

/// <summary>Where a warmer is.</summary>
public enum StrataWarmupState
{
    /// <summary>It has not run yet.</summary>
    NotStarted,

    /// <summary>A run is in progress.</summary>
    Running,

    /// <summary>The last run completed.</summary>
    Succeeded,

    /// <summary>The last run threw (see <see cref="StrataWarmerStatus.LastError"/>) or was cut short by the host stopping.</summary>
    Failed,

    /// <summary>The last run outlived <see cref="StrataWarmupOptions.Timeout"/>.</summary>
    TimedOut,
}
