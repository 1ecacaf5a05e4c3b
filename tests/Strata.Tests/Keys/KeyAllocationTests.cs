using Strata.Keys;

namespace Strata.Tests.Keys;

/// <summary>The hot paths allocate the key and nothing else once warm (pooled buffers, no boxing, no delegates).</summary>
public sealed class KeyAllocationTests
{
    private static readonly FlightSearch Flight = new(
        "lax", "jfk", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 8), 2, CabinClass.Business, ["UA", "AA", "DL"], null);

    [Fact]
    public void GetEffectiveKey_KeyThatFits_AllocatesNothing()
    {
        var formatter = new CacheKeyFormatter("tripsage");
        var key = "flights:adults=2&origin=LAX\ud83d\ude00";

        var allocated = Measure(() => formatter.GetEffectiveKey("flights", key));

        allocated.ShouldBe(0);
    }

    [Fact]
    public void From_WarmType_AllocatesOnlyTheKey()
    {
        var key = CacheKeys.From("flights", Flight);

        var allocated = Measure(() => CacheKeys.From("flights", Flight));

        allocated.ShouldBeLessThanOrEqualTo(StringSize(key));
    }

    [Fact]
    public void Build_ScalarsAndSet_AllocatesOnlyTheBuilderAndTheKey()
    {
        static string Build() => new CacheKeyBuilder("flights")
            .Add("origin", "lax", KeyCase.Upper)
            .Add("departure", new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero))
            .AddSet("airlines", ["UA", "AA"])
            .Add("cabin", CabinClass.Business)
            .Add("maxPrice", 1250.50m)
            .Add("adults", 2)
            .Build();

        var allocated = Measure(Build);

        // The builder object itself is the only other allocation.
        allocated.ShouldBeLessThanOrEqualTo(StringSize(Build()) + 128);
    }

    private static long Measure(Func<string> action)
    {
        for (var i = 0; i < 100; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // Object header, method table, length and terminator, rounded up generously.
    private static long StringSize(string value) => (2L * value.Length) + 32;
}
