using Strata.RateLimiting.Leases;

namespace Strata.RateLimiting.Memory;

/// <summary>
/// The arithmetic of one in-memory algorithm over a partition's state. Every call happens under the partition's lock, so
/// implementations need no synchronization of their own; each reads the clock itself (a monotonic timestamp, or the
/// wall clock for calendar quotas).
/// </summary>
internal interface IMemoryAlgorithm<TState>
    where TState : class
{
    /// <summary>The limit as leases report it (for GCRA, the burst).</summary>
    long PermitLimit { get; }

    /// <summary>Whether permits come back on dispose (concurrency) rather than with time.</summary>
    bool ReleasesOnDispose { get; }

    TState CreateState();

    /// <summary>Decides for <paramref name="permits"/> (at least 1); when <paramref name="commit"/> is false nothing changes.</summary>
    RateLimitDecision Decide(TState state, int permits, bool commit);

    /// <summary>The partition's usage now, as an acquired decision for zero permits.</summary>
    RateLimitDecision Peek(TState state);

    /// <summary>Gives permits back (only when <see cref="ReleasesOnDispose"/>).</summary>
    void Release(TState state, int permits);

    /// <summary>Whether the state is as good as new, so the partition can be dropped.</summary>
    bool IsIdle(TState state);
}
