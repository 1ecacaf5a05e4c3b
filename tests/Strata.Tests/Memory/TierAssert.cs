using Strata.Memory;

namespace Strata.Tests.Memory;

/// <summary>Invariants every tier must satisfy whenever no operation is in flight.</summary>
internal static class TierAssert
{
    /// <summary>Weight and Count agree with the entries held, and the budget holds.</summary>
    public static void Consistent<TKey>(MemoryTier<TKey, Blob> tier)
        where TKey : notnull
    {
        var entries = tier.Snapshot().ToList();
        tier.Weight.ShouldBeLessThanOrEqualTo(tier.MaxWeight);
        tier.Weight.ShouldBe(entries.Sum(entry => entry.Value.Weight));
        tier.Count.ShouldBe(entries.Count);
        foreach (var entry in entries)
        {
            tier.TryPeek(entry.Key, out var value).ShouldBeTrue();
            value.ShouldBeSameAs(entry.Value);
        }
    }
}
