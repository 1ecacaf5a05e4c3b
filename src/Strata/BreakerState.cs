namespace Strata;

/// <summary>The L2 circuit breaker's state (also the value of the <c>strata.cache.breaker.state</c> gauge).</summary>
public enum BreakerState
{
    /// <summary>L2 is used.</summary>
    Closed = 0,

    /// <summary>The break elapsed; one probe decides whether L2 is back.</summary>
    HalfOpen = 1,

    /// <summary>L2 failed repeatedly and is skipped: L1 and the factory serve.</summary>
    Open = 2,
}
