using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Tests.Evaluation;

public sealed class ThresholdSelectorTests
{
    [Fact]
    public void MaxF1_SeparatesCleanly_HalfwayBetweenTheClasses()
    {
        float[] scores = [1, 2, 3, 10, 11];
        bool[] anomaly = [false, false, false, true, true];

        float threshold = ThresholdSelector.MaxF1(scores, anomaly);

        Assert.Equal(6.5f, threshold);
    }

    [Fact]
    public void MaxF1_PicksTheBestF1_WhenClassesOverlap()
    {
        // Flagging above 3.5 catches all three anomalies and the normal 5: F1 = 6/7; every other cut scores lower
        // (above 2.5: 6/8, above 5.5: 4/5, above 4.5: 4/6).
        float[] scores = [1, 2, 3, 4, 5, 6, 7];
        bool[] anomaly = [false, false, false, true, false, true, true];

        float threshold = ThresholdSelector.MaxF1(scores, anomaly);

        Assert.Equal(3.5f, threshold);
    }

    [Fact]
    public void MaxF1_NeverSplitsTiedScores()
    {
        // The two 6s (one anomalous, one normal) are flagged together or not at all: above 4 gives TP 3, FP 1 (F1 6/7),
        // above 7.5 gives TP 2, FN 1 (F1 4/5). A cut between the 6s, which would give F1 1, does not exist.
        float[] scores = [1, 2, 6, 6, 9, 10];
        bool[] anomaly = [false, false, true, false, true, true];

        float threshold = ThresholdSelector.MaxF1(scores, anomaly);

        Assert.Equal(4f, threshold);
    }

    [Fact]
    public void MaxF1_TakesTheMiddleCandidate_WhenSeveralTieForTheBest()
    {
        // Above 2 flags 3, 4, 5, 10 (TP 2, FP 2) and above 7.5 flags 10 (TP 1, FN 1): both F1 2/3, the best.
        // Of the tied candidates [2, 7.5] the one at index Count / 2 is taken.
        float[] scores = [0, 1, 3, 4, 5, 10];
        bool[] anomaly = [false, false, true, false, false, true];

        float threshold = ThresholdSelector.MaxF1(scores, anomaly);

        Assert.Equal(7.5f, threshold);
    }

    [Fact]
    public void Choose_UsesMaxF1_WhenValidationHoldsAnomalies()
    {
        float[] scores = [1, 2, 3, 10, 11];
        bool[] anomaly = [false, false, false, true, true];

        var threshold = ThresholdSelector.Choose(scores, anomaly, ThresholdMethod.Auto, percentile: 99);

        Assert.Equal(new Threshold(6.5f, "max-f1-validation"), threshold);
    }

    [Fact]
    public void Choose_UsesThePercentileOfNormalErrors_WhenValidationHoldsNoAnomalies()
    {
        float[] scores = [4, 1, 3, 2, 5];
        bool[] anomaly = new bool[5];

        var threshold = ThresholdSelector.Choose(scores, anomaly, ThresholdMethod.Auto, percentile: 90);

        // Sorted 1..5, position 0.9 · 4 = 3.6: 4 + 0.6 · (5 − 4).
        Assert.Equal(4.6f, threshold.Value, 1e-6f);
        Assert.Equal("p90-normal-validation", threshold.Method);
    }

    [Fact]
    public void Choose_PercentileIgnoresAnomalousScores()
    {
        float[] scores = [1, 2, 3, 100];
        bool[] anomaly = [false, false, false, true];

        var threshold = ThresholdSelector.Choose(scores, anomaly, ThresholdMethod.Percentile, percentile: 100);

        Assert.Equal(3f, threshold.Value);
    }

    [Fact]
    public void Choose_RefusesMaxF1_WhenValidationHoldsNoAnomalies()
    {
        Assert.Throws<InvalidOperationException>(() => ThresholdSelector.Choose([1f, 2f], [false, false], ThresholdMethod.MaxF1, 99));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(50, 3)]
    [InlineData(100, 5)]
    [InlineData(25, 2)]
    public void Percentile_InterpolatesLinearly_AsNumPy(double percentile, float expected)
    {
        Assert.Equal(expected, ThresholdSelector.Percentile([5, 3, 1, 4, 2], percentile));
    }
}
