using Strata.Memory;

namespace Strata.Tests.Memory;

public sealed class MemoryTierTests
{
    private const long Never = long.MaxValue;

    private readonly EvictionLog<string> _log = new();

    [Fact]
    public void TryGet_AfterSet_ReturnsValue()
    {
        var tier = CreateTier();
        var value = new Blob("a", 10);

        tier.Set("a", value, 10, Never).ShouldBeTrue();

        tier.TryGet("a", 0, out var found).ShouldBeTrue();
        found.ShouldBeSameAs(value);
        tier.Count.ShouldBe(1);
        tier.Weight.ShouldBe(10);
        _log.Entries.ShouldBeEmpty();
    }

    [Fact]
    public void TryGet_MissingKey_ReturnsFalse()
    {
        var tier = CreateTier();

        tier.TryGet("missing", 0, out var found).ShouldBeFalse();
        found.ShouldBeNull();
    }

    [Fact]
    public void Set_ExistingKey_ReplacesValueAndWeightAndReportsReplaced()
    {
        var tier = CreateTier();
        var first = new Blob("a1", 10);
        var second = new Blob("a2", 25);
        tier.Set("a", first, 10, Never);

        tier.Set("a", second, 25, Never).ShouldBeTrue();

        tier.TryGet("a", 0, out var found).ShouldBeTrue();
        found.ShouldBeSameAs(second);
        tier.Count.ShouldBe(1);
        tier.Weight.ShouldBe(25);
        _log.Entries.ShouldBe([("a", first, MemoryEvictionReason.Replaced)]);
    }

    [Fact]
    public void Set_SameValueInstanceAgain_ReportsNothing()
    {
        var tier = CreateTier();
        var value = new Blob("a", 10);
        tier.Set("a", value, 10, Never);

        tier.Set("a", value, 10, Never).ShouldBeTrue();

        tier.Count.ShouldBe(1);
        _log.Entries.ShouldBeEmpty();
    }

    [Fact]
    public void Set_WeightAboveMaxWeight_ReturnsFalseAndReportsCapacity()
    {
        var tier = CreateTier(maxWeight: 100);
        var value = new Blob("big", 101);

        tier.Set("big", value, 101, Never).ShouldBeFalse();

        tier.TryPeek("big", out _).ShouldBeFalse();
        tier.Count.ShouldBe(0);
        tier.Weight.ShouldBe(0);
        _log.Entries.ShouldBe([("big", value, MemoryEvictionReason.Capacity)]);
    }

    [Fact]
    public void Set_OversizedReplacement_RemovesOldValueAsReplaced()
    {
        var tier = CreateTier(maxWeight: 100);
        var old = new Blob("old", 10);
        var big = new Blob("big", 500);
        tier.Set("a", old, 10, Never);

        tier.Set("a", big, 500, Never).ShouldBeFalse();

        tier.TryPeek("a", out _).ShouldBeFalse();
        tier.Weight.ShouldBe(0);
        _log.Entries.ShouldBe([("a", old, MemoryEvictionReason.Replaced), ("a", big, MemoryEvictionReason.Capacity)]);
    }

    [Fact]
    public void Set_WeightEqualToMaxWeight_IsHeld()
    {
        var tier = CreateTier(maxWeight: 100);

        tier.Set("a", new Blob("a", 100), 100, Never).ShouldBeTrue();

        tier.Weight.ShouldBe(100);
    }

    [Fact]
    public void TryGet_AtExpiry_RemovesAndReportsExpired()
    {
        var tier = CreateTier();
        var value = new Blob("a", 10);
        tier.Set("a", value, 10, expiresAtTicks: 1_000);

        tier.TryGet("a", 999, out var before).ShouldBeTrue();
        tier.TryGet("a", 1_000, out var at).ShouldBeFalse();

        before.ShouldBeSameAs(value);
        at.ShouldBeNull();
        tier.Count.ShouldBe(0);
        tier.Weight.ShouldBe(0);
        tier.TryPeek("a", out _).ShouldBeFalse();
        _log.Entries.ShouldBe([("a", value, MemoryEvictionReason.Expired)]);
    }

    [Fact]
    public void Set_ReplacementWithLaterExpiry_ExtendsLifetime()
    {
        var tier = CreateTier();
        tier.Set("a", new Blob("a1", 10), 10, expiresAtTicks: 100);
        var renewed = new Blob("a2", 10);

        tier.Set("a", renewed, 10, expiresAtTicks: 200);

        tier.TryGet("a", 150, out var found).ShouldBeTrue();
        found.ShouldBeSameAs(renewed);
    }

    [Fact]
    public void TryPeek_ExpiredEntry_ReturnsValueWithoutRemovingIt()
    {
        var tier = CreateTier();
        var value = new Blob("a", 10);
        tier.Set("a", value, 10, expiresAtTicks: 5);

        tier.TryPeek("a", out var found).ShouldBeTrue();

        found.ShouldBeSameAs(value);
        tier.Count.ShouldBe(1);
        _log.Entries.ShouldBeEmpty();
    }

    [Fact]
    public void Remove_ExistingKey_RemovesAndReportsRemoved()
    {
        var tier = CreateTier();
        var value = new Blob("a", 10);
        tier.Set("a", value, 10, Never);

        tier.Remove("a").ShouldBeTrue();
        tier.Remove("a").ShouldBeFalse();

        tier.TryGet("a", 0, out _).ShouldBeFalse();
        tier.Count.ShouldBe(0);
        tier.Weight.ShouldBe(0);
        _log.Entries.ShouldBe([("a", value, MemoryEvictionReason.Removed)]);
    }

    [Fact]
    public void RemoveExpected_CurrentValue_Removes()
    {
        var tier = CreateTier();
        var value = new Blob("a", 10);
        tier.Set("a", value, 10, Never);

        tier.Remove("a", value).ShouldBeTrue();

        tier.Count.ShouldBe(0);
        _log.Entries.ShouldBe([("a", value, MemoryEvictionReason.Removed)]);
    }

    [Fact]
    public void RemoveExpected_DifferentInstance_KeepsEntry()
    {
        var tier = CreateTier();
        var current = new Blob("a", 10);
        tier.Set("a", current, 10, Never);

        tier.Remove("a", new Blob("a", 10)).ShouldBeFalse();
        tier.Remove("missing", current).ShouldBeFalse();

        tier.TryPeek("a", out var found).ShouldBeTrue();
        found.ShouldBeSameAs(current);
        _log.Entries.ShouldBeEmpty();
    }

    [Fact]
    public void RemoveWhere_Predicate_RemovesMatchesAndReturnsCount()
    {
        var tier = CreateTier();
        for (var i = 0; i < 10; i++)
        {
            tier.Set($"k{i}", new Blob($"k{i}", i + 1), i + 1, Never);
        }

        var removed = tier.RemoveWhere(5L, static (_, value, threshold) => value.Weight > threshold);

        removed.ShouldBe(5);
        tier.Count.ShouldBe(5);
        tier.Weight.ShouldBe(1 + 2 + 3 + 4 + 5);
        tier.Snapshot().Select(entry => entry.Key).Order().ShouldBe(["k0", "k1", "k2", "k3", "k4"]);
        _log.Entries.Select(entry => entry.Key).Order().ShouldBe(["k5", "k6", "k7", "k8", "k9"]);
        _log.CountOf(MemoryEvictionReason.Removed).ShouldBe(5);
    }

    [Fact]
    public void RemoveExpired_Sweep_RemovesOnlyExpiredEntries()
    {
        var tier = CreateTier();
        tier.Set("early", new Blob("early", 1), 1, expiresAtTicks: 100);
        tier.Set("exact", new Blob("exact", 2), 2, expiresAtTicks: 200);
        tier.Set("late", new Blob("late", 4), 4, expiresAtTicks: 300);

        tier.RemoveExpired(200).ShouldBe(2);

        tier.Snapshot().Select(entry => entry.Key).ShouldBe(["late"]);
        tier.Weight.ShouldBe(4);
        _log.Entries.Select(entry => (entry.Key, entry.Reason)).OrderBy(entry => entry.Key)
            .ShouldBe([("early", MemoryEvictionReason.Expired), ("exact", MemoryEvictionReason.Expired)]);
    }

    [Fact]
    public void Clear_WithEntries_EmptiesAndReportsCleared()
    {
        var tier = CreateTier();
        for (var i = 0; i < 50; i++)
        {
            tier.Set($"k{i}", new Blob($"k{i}", 10), 10, Never);
            tier.TryGet($"k{i}", 0, out _);
        }

        tier.Clear();

        tier.Count.ShouldBe(0);
        tier.Weight.ShouldBe(0);
        tier.Snapshot().ShouldBeEmpty();
        tier.TryGet("k1", 0, out _).ShouldBeFalse();
        _log.Entries.Count.ShouldBe(50);
        _log.CountOf(MemoryEvictionReason.Cleared).ShouldBe(50);
    }

    [Fact]
    public void Clear_ThenSet_TierIsUsableAgain()
    {
        var tier = CreateTier(maxWeight: 100);
        for (var i = 0; i < 20; i++)
        {
            tier.Set($"k{i}", new Blob($"k{i}", 10), 10, Never);
        }

        tier.Clear();
        for (var i = 0; i < 20; i++)
        {
            tier.Set($"n{i}", new Blob($"n{i}", 10), 10, Never);
        }

        TierAssert.Consistent(tier);
        tier.Weight.ShouldBe(100);
    }

    [Fact]
    public void Snapshot_AfterChanges_IsPointInTimeCopy()
    {
        var tier = CreateTier();
        var a = new Blob("a", 1);
        var b = new Blob("b", 2);
        tier.Set("a", a, 1, Never);
        tier.Set("b", b, 2, Never);

        var snapshot = tier.Snapshot();
        tier.Remove("a");
        tier.Set("c", new Blob("c", 3), 3, Never);

        snapshot.OrderBy(entry => entry.Key).ShouldBe([new("a", a), new("b", b)]);
    }

    [Fact]
    public void Set_EvictionCallbackThrows_DoesNotThrowToCaller()
    {
        var tier = new MemoryTier<string, Blob>(100, onEvicted: static (_, _, _) => throw new InvalidOperationException("listener bug"));
        tier.Set("a", new Blob("a", 60), 60, Never);

        tier.Set("a", new Blob("a2", 60), 60, Never).ShouldBeTrue();
        tier.Set("b", new Blob("b", 60), 60, Never);
        tier.Remove("a").ShouldBeTrue();

        Should.NotThrow(tier.Clear);
    }

    [Fact]
    public void TryGet_CustomComparer_UsesIt()
    {
        var tier = new MemoryTier<string, Blob>(100, StringComparer.OrdinalIgnoreCase);
        var value = new Blob("a", 1);
        tier.Set("Key", value, 1, Never);

        tier.TryGet("KEY", 0, out var found).ShouldBeTrue();
        found.ShouldBeSameAs(value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void Set_WeightBelowOne_ThrowsNamingWeight(long weight)
    {
        var tier = CreateTier();

        var exception = Should.Throw<ArgumentOutOfRangeException>(() => tier.Set("a", new Blob("a", 1), weight, Never));

        exception.ParamName.ShouldBe("weight");
        tier.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_MaxWeightNotPositive_ThrowsNamingMaxWeight(long maxWeight)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => new MemoryTier<string, Blob>(maxWeight));

        exception.ParamName.ShouldBe("maxWeight");
    }

    [Fact]
    public void Constructor_HugeMaxWeight_IsCappedWithoutOverflow()
    {
        var tier = new MemoryTier<string, Blob>(long.MaxValue);

        tier.Set("a", new Blob("a", long.MaxValue / 4), long.MaxValue / 4, Never).ShouldBeTrue();
        tier.Set("b", new Blob("b", long.MaxValue / 4), long.MaxValue / 4, Never).ShouldBeTrue();

        tier.MaxWeight.ShouldBe(long.MaxValue / 2);
        tier.Weight.ShouldBeLessThanOrEqualTo(tier.MaxWeight);
        tier.Weight.ShouldBeGreaterThan(0);
    }

    private MemoryTier<string, Blob> CreateTier(long maxWeight = 1_000_000) => new(maxWeight, onEvicted: _log.Record);
}
