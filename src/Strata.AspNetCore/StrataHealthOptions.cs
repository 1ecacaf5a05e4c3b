namespace Strata.AspNetCore;

/// <summary>Names, tags and probe limits of the checks <c>AddHealthChecks()</c> registers.</summary>
public sealed class StrataHealthOptions
{
    /// <summary>The readiness check's name. Default <c>strata-ready</c>.</summary>
    public string ReadinessName { get; set; } = "strata-ready";

    /// <summary>The readiness check's tags (for <c>MapHealthChecks</c> predicates). Default <c>ready</c>.</summary>
    public IList<string> ReadinessTags { get; } = ["ready"];

    /// <summary>The liveness check's name. Default <c>strata-live</c>.</summary>
    public string LivenessName { get; set; } = "strata-live";

    /// <summary>The liveness check's tags. Default <c>live</c>.</summary>
    public IList<string> LivenessTags { get; } = ["live"];

    /// <summary>How long readiness waits for the L2 tier to answer a ping before calling it unreachable. Default null:
    /// the cache's <see cref="StrataCacheOptions.DistributedTimeout"/> (1 second unless changed).</summary>
    public TimeSpan? L2ProbeTimeout { get; set; }

    /// <summary>How long the liveness round trip may take before the process is reported Unhealthy. Default 5 seconds.</summary>
    public TimeSpan LivenessTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
