using EcgStream.Detector.Web;

namespace EcgStream.Detector.Tests.Telemetry;

public sealed class HistogramQuantileTests
{
    private static readonly double[] Bounds = [0.001, 0.01, 0.1];

    [Theory]
    [InlineData(0.5, 0.0055)]   // rank 5 of 10: all 10 in (0.001, 0.01], halfway through it
    [InlineData(1.0, 0.01)]
    [InlineData(0.0, 0.001)]
    public void Estimate_InterpolatesWithinBucket_LikeHistogramQuantile(double q, double expected)
    {
        long[] counts = [0, 10, 0, 0];

        double value = HistogramQuantile.Estimate(q, Bounds, counts);

        Assert.Equal(expected, value, 12);
    }

    [Fact]
    public void Estimate_ReturnsLargestBound_WhenRankFallsInOverflow()
    {
        long[] counts = [1, 0, 0, 9];

        double value = HistogramQuantile.Estimate(0.99, Bounds, counts);

        Assert.Equal(0.1, value);
    }

    [Fact]
    public void Estimate_ReturnsNaN_WhenEmpty()
    {
        Assert.True(double.IsNaN(HistogramQuantile.Estimate(0.5, Bounds, [0, 0, 0, 0])));
    }

    [Fact]
    public void Estimate_Rejects_CountsWithoutOverflowBucket()
    {
        Assert.Throws<ArgumentException>(() => HistogramQuantile.Estimate(0.5, Bounds, [1, 2, 3]));
    }
}
