using Strata.AspNetCore.Metrics;

namespace Strata.AspNetCore.Tests.Metrics;

public sealed class HistogramQuantileTests
{
    private static readonly double[] Bounds = [1, 2, 4];

    [Theory]
    [InlineData(0.5, 1.5)] // rank 20: 10 below, 10 of 20 into (1, 2]
    [InlineData(0.25, 1.0)] // rank 10: exactly the end of the first bucket
    [InlineData(0.1, 0.4)] // rank 4: 4 of 10 into (0, 1]
    [InlineData(0.99, 3.92)] // rank 39.6: 9.6 of 10 into (2, 4]
    public void Estimate_KnownBuckets_InterpolatesLinearlyInTheBucket(double quantile, double expected)
    {
        long[] counts = [10, 20, 10, 0];

        HistogramQuantile.Estimate(quantile, Bounds, counts).ShouldBe(expected, 1e-12);
    }

    [Fact]
    public void Estimate_RankInInfBucket_ReturnsHighestFiniteBound()
    {
        HistogramQuantile.Estimate(0.5, Bounds, [1, 0, 0, 5]).ShouldBe(4);
    }

    [Fact]
    public void Estimate_NoObservations_ReturnsNaN()
    {
        double.IsNaN(HistogramQuantile.Estimate(0.5, Bounds, [0, 0, 0, 0])).ShouldBeTrue();
    }

    [Fact]
    public void Estimate_FirstBoundNotPositive_ReturnsThatBound()
    {
        HistogramQuantile.Estimate(0.5, [0, 5], [3, 1, 0]).ShouldBe(0);
    }

    [Theory]
    [InlineData(-0.1, double.NegativeInfinity)]
    [InlineData(1.1, double.PositiveInfinity)]
    public void Estimate_QuantileOutOfRange_ReturnsInfinityLikePrometheus(double quantile, double expected)
    {
        HistogramQuantile.Estimate(quantile, Bounds, [1, 1, 1, 1]).ShouldBe(expected);
    }

    [Fact]
    public void Since_EarlierSnapshot_GivesTheIntervalsBuckets()
    {
        var earlier = new HistogramSnapshot([1, 2, 4], [5, 0, 0, 0], 2.5);
        var later = new HistogramSnapshot([1, 2, 4], [5, 4, 0, 0], 8.5);

        var delta = later.Since(earlier);

        delta.Count.ShouldBe(4);
        delta.Sum.ShouldBe(6);
        delta.Quantile(0.5).ShouldBe(1.5, 1e-12);
        var quantiles = delta.ToQuantiles();
        quantiles.P50.ShouldNotBeNull().ShouldBe(1.5, 1e-12);
        earlier.Since(earlier).ToQuantiles().P99.ShouldBeNull();
    }
}
