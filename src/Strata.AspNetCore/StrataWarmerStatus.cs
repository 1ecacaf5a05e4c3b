namespace Strata.AspNetCore;

/// <summary>A snapshot of one warmer: its state and its last run.</summary>
public sealed class StrataWarmerStatus
{
    /// <summary>The warmer's <see cref="IStrataWarmer.Name"/>.</summary>
    public required string Name { get; init; }

    /// <summary>Now: <see cref="StrataWarmupState.Running"/> during a run, otherwise the last run's outcome.</summary>
    public StrataWarmupState State { get; init; }

    /// <summary>The outcome of the last finished run (<see cref="StrataWarmupState.NotStarted"/> if none finished);
    /// unlike <see cref="State"/>, it keeps the previous outcome while a re-run is in progress.</summary>
    public StrataWarmupState LastOutcome { get; init; }

    /// <summary>What started the current or last run; null if it never ran.</summary>
    public StrataWarmupTrigger? LastTrigger { get; init; }

    /// <summary>When the current or last run started.</summary>
    public DateTimeOffset? LastStartedAt { get; init; }

    /// <summary>When the last run finished.</summary>
    public DateTimeOffset? LastFinishedAt { get; init; }

    /// <summary>How long the last finished run took.</summary>
    public TimeSpan? LastDuration { get; init; }

    /// <summary>Items the current run (while running) or the last run reported with
    /// <see cref="StrataWarmupContext.ReportItems"/>.</summary>
    public long ItemsWarmed { get; init; }

    /// <summary>Why the last run failed or timed out; null after a success.</summary>
    public string? LastError { get; init; }

    /// <summary>Runs started since the host started.</summary>
    public long Runs { get; init; }
}
