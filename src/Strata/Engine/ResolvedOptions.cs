using Microsoft.Extensions.Caching.Hybrid;
using Strata.Policies;

namespace Strata.Engine;

/// <summary>A call's entry options merged over the cache's defaults, every setting present.</summary>
internal readonly struct ResolvedOptions
{
    public required TimeSpan Duration { get; init; }

    public required TimeSpan? LocalDuration { get; init; }

    public required TimeSpan FailSafeMaxStale { get; init; }

    public required TimeSpan FailSafeThrottle { get; init; }

    public required TimeSpan StaleWhileRevalidate { get; init; }

    public required double EarlyRefreshBeta { get; init; }

    public required double? EarlyRefreshFraction { get; init; }

    public required TimeSpan? FactorySoftTimeout { get; init; }

    public required TimeSpan? FactoryHardTimeout { get; init; }

    public required TimeSpan Jitter { get; init; }

    public required long? Size { get; init; }

    public required HybridCacheEntryFlags Flags { get; init; }

    public required IReadOnlyList<ICacheDurationAdjuster>? Adjusters { get; init; }

    public required string? PolicyName { get; init; }

    public bool FailSafeEnabled => FailSafeMaxStale > TimeSpan.Zero;

    public bool Has(HybridCacheEntryFlags flag) => (Flags & flag) != 0;

    public static ResolvedOptions Resolve(StrataEntryOptions? options, HybridCacheEntryOptions? hybrid, StrataEntryOptions defaults)
    {
        var flags = options?.Flags ?? hybrid?.Flags ?? defaults.Flags ?? HybridCacheEntryFlags.None;
        return new ResolvedOptions
        {
            Duration = options?.Duration ?? hybrid?.Expiration ?? defaults.Duration!.Value,
            LocalDuration = options?.LocalDuration ?? hybrid?.LocalCacheExpiration ?? defaults.LocalDuration,
            FailSafeMaxStale = options?.FailSafeMaxStale ?? defaults.FailSafeMaxStale ?? TimeSpan.Zero,
            FailSafeThrottle = options?.FailSafeThrottle ?? defaults.FailSafeThrottle ?? TimeSpan.FromSeconds(30),
            StaleWhileRevalidate = options?.StaleWhileRevalidate ?? defaults.StaleWhileRevalidate ?? TimeSpan.Zero,
            EarlyRefreshBeta = options?.EarlyRefreshBeta ?? (options?.EarlyRefreshFraction is null ? defaults.EarlyRefreshBeta : null) ?? 0,
            EarlyRefreshFraction = options?.EarlyRefreshFraction ?? (options?.EarlyRefreshBeta is null ? defaults.EarlyRefreshFraction : null),
            FactorySoftTimeout = options?.FactorySoftTimeout ?? defaults.FactorySoftTimeout,
            FactoryHardTimeout = options?.FactoryHardTimeout ?? defaults.FactoryHardTimeout,
            Jitter = options?.Jitter ?? defaults.Jitter ?? TimeSpan.Zero,
            Size = options?.Size,
            Flags = flags,
            Adjusters = options?.DurationAdjusters ?? defaults.DurationAdjusters,
            PolicyName = options?.PolicyName ?? defaults.PolicyName,
        };
    }
}
