namespace Strata.AspNetCore;

/// <summary>What started a warm-up run.</summary>
public enum StrataWarmupTrigger
{
    /// <summary>The host started (<see cref="StrataWarmupOptions.RunAtStartup"/>).</summary>
    Startup,

    /// <summary>The schedule (<see cref="StrataWarmupOptions.Interval"/>).</summary>
    Scheduled,

    /// <summary><see cref="IStrataWarmup.RunAsync"/> (the admin API's <c>POST warm</c>).</summary>
    OnDemand,
}
