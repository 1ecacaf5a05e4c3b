using Strata.Memory;

namespace Strata.Tests.Memory;

public sealed class FrequencySketchTests
{
    [Fact]
    public void Frequency_BeforeEnsureCapacity_IsZeroAndIncrementIsIgnored()
    {
        var sketch = new FrequencySketch();

        sketch.Increment(42);

        sketch.IsInitialized.ShouldBeFalse();
        sketch.Frequency(42).ShouldBe(0);
    }

    [Fact]
    public void Increment_Once_EstimateIsOne()
    {
        var sketch = CreateSketch();

        sketch.Increment(42);

        sketch.Frequency(42).ShouldBe(1);
        sketch.Frequency(43).ShouldBe(0);
    }

    [Fact]
    public void Increment_ManyTimes_SaturatesAtFifteen()
    {
        var sketch = CreateSketch();

        for (var i = 0; i < 14; i++)
        {
            sketch.Increment(42);
        }

        sketch.Frequency(42).ShouldBe(14);
        for (var i = 0; i < 20; i++)
        {
            sketch.Increment(42);
        }

        sketch.Frequency(42).ShouldBe(15);
    }

    [Theory]
    [InlineData(15, 7)]
    [InlineData(10, 5)]
    [InlineData(3, 1)]
    [InlineData(1, 0)]
    public void Age_AfterIncrements_HalvesEstimate(int increments, int expected)
    {
        var sketch = CreateSketch();
        for (var i = 0; i < increments; i++)
        {
            sketch.Increment(42);
        }

        sketch.Age();

        sketch.Frequency(42).ShouldBe(expected);
    }

    [Fact]
    public void Increment_SampleSizeReached_AgesAutomatically()
    {
        var sketch = new FrequencySketch();
        sketch.EnsureCapacity(64);
        sketch.SampleSize.ShouldBe(640);
        for (var i = 0; i < 15; i++)
        {
            sketch.Increment(-1);
        }

        // Distinct keys until the sample fills and the sketch ages; the bound only guards against a broken reset.
        var additions = 0;
        for (var hash = 0; sketch.Frequency(-1) == 15 && additions < 10 * sketch.SampleSize; hash++, additions++)
        {
            sketch.Increment(hash);
        }

        sketch.Frequency(-1).ShouldBe(7);
        additions.ShouldBeLessThanOrEqualTo(sketch.SampleSize);
    }

    [Fact]
    public void EnsureCapacity_Grow_StartsAFreshHistory()
    {
        var sketch = CreateSketch(capacity: 16);
        sketch.Increment(42);

        sketch.EnsureCapacity(4_096);

        sketch.Frequency(42).ShouldBe(0);
        sketch.SampleSize.ShouldBe(40_960);
    }

    [Fact]
    public void EnsureCapacity_Smaller_KeepsHistory()
    {
        var sketch = CreateSketch(capacity: 1_024);
        sketch.Increment(42);

        sketch.EnsureCapacity(16);

        sketch.Frequency(42).ShouldBe(1);
    }

    [Fact]
    public void Frequency_SequentialHashes_AreSpreadWithFewCollisions()
    {
        // Raw sequential hashes (what int keys produce) must not pile onto the same counters: the sketch mixes them.
        var sketch = CreateSketch(capacity: 1_024);
        for (var hash = 0; hash < 1_024; hash++)
        {
            sketch.Increment(hash);
        }

        var exact = Enumerable.Range(0, 1_024).Count(hash => sketch.Frequency(hash) == 1);
        var unseenZero = Enumerable.Range(100_000, 1_024).Count(hash => sketch.Frequency(hash) == 0);

        exact.ShouldBeGreaterThan(1_024 * 95 / 100);
        unseenZero.ShouldBeGreaterThan(1_024 * 95 / 100);
    }

    private static FrequencySketch CreateSketch(long capacity = 512)
    {
        var sketch = new FrequencySketch();
        sketch.EnsureCapacity(capacity);
        return sketch;
    }
}
