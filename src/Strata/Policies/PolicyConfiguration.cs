using Microsoft.Extensions.Caching.Hybrid;

namespace Strata.Policies;

/// <summary>One policy as written in configuration (<c>Strata:Policies:{NAME}</c>); unknown settings are an error.</summary>
internal sealed class PolicyConfiguration
{
    public TimeSpan? Duration { get; set; }

    public TimeSpan? LocalDuration { get; set; }

    public TimeSpan? FailSafeMaxStale { get; set; }

    public TimeSpan? FailSafeThrottle { get; set; }

    public TimeSpan? StaleWhileRevalidate { get; set; }

    public double? EarlyRefreshBeta { get; set; }

    public double? EarlyRefreshFraction { get; set; }

    public TimeSpan? FactorySoftTimeout { get; set; }

    public TimeSpan? FactoryHardTimeout { get; set; }

    public TimeSpan? Jitter { get; set; }

    public long? Size { get; set; }

    public HybridCacheEntryFlags? Flags { get; set; }

    public StrataEntryOptions ToOptions(string name) => new()
    {
        Duration = Duration,
        LocalDuration = LocalDuration,
        FailSafeMaxStale = FailSafeMaxStale,
        FailSafeThrottle = FailSafeThrottle,
        StaleWhileRevalidate = StaleWhileRevalidate,
        EarlyRefreshBeta = EarlyRefreshBeta,
        EarlyRefreshFraction = EarlyRefreshFraction,
        FactorySoftTimeout = FactorySoftTimeout,
        FactoryHardTimeout = FactoryHardTimeout,
        Jitter = Jitter,
        Size = Size,
        Flags = Flags,
        PolicyName = name,
    };
}
