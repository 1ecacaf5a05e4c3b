namespace Strata.AspNetCore;

/// <summary>The result of <see cref="IStrataWarmup.RunAsync"/>: the warmers it ran (or joined), after their runs.</summary>
public sealed class StrataWarmupReport
{
    /// <summary>The status of each warmer run, once its run ended.</summary>
    public required IReadOnlyList<StrataWarmerStatus> Warmers { get; init; }

    /// <summary>True when every run succeeded.</summary>
    public bool Succeeded => Warmers.All(static w => w.LastOutcome == StrataWarmupState.Succeeded);
}
