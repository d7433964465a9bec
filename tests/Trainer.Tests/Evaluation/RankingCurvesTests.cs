using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Tests.Evaluation;

public sealed class RankingCurvesTests
{
    [Fact]
    public void RocAuc_IsTheShareOfCorrectlyOrderedPairs()
    {
        // scikit-learn's roc_auc_score example: 3 of the 4 (anomaly, normal) pairs are ordered correctly.
        float[] scores = [0.1f, 0.4f, 0.35f, 0.8f];
        bool[] anomaly = [false, false, true, true];

        Assert.Equal(0.75, RankingCurves.RocAuc(scores, anomaly), 12);
    }

    [Fact]
    public void RocAuc_CountsATiedPairAsHalf()
    {
        // Pairs (2,1) (2,2) (3,1) (3,2): 1 + 0.5 + 1 + 1 = 3.5 of 4.
        float[] scores = [1, 2, 2, 3];
        bool[] anomaly = [false, false, true, true];

        Assert.Equal(0.875, RankingCurves.RocAuc(scores, anomaly), 12);
    }

    [Theory]
    [InlineData(new float[] { 1, 2, 3, 4 }, 1.0)]
    [InlineData(new float[] { 4, 3, 2, 1 }, 0.0)]
    [InlineData(new float[] { 5, 5, 5, 5 }, 0.5)]
    public void RocAuc_MatchesTheExtremes(float[] scores, double expected)
    {
        Assert.Equal(expected, RankingCurves.RocAuc(scores, [false, false, true, true]), 12);
    }

    [Fact]
    public void RocAuc_IsNaN_WhenAClassIsAbsent()
    {
        Assert.True(double.IsNaN(RankingCurves.RocAuc([1f, 2f], [false, false])));
        Assert.True(double.IsNaN(RankingCurves.AveragePrecision([1f, 2f], [false, false])));
    }

    [Fact]
    public void AveragePrecision_SumsPrecisionOverRecallSteps()
    {
        // Thresholds 0.8: R 0.5, P 1; 0.4: R 0.5 (no step); 0.35: R 1, P 2/3 → 0.5·1 + 0.5·2/3 (scikit-learn: 0.8333).
        float[] scores = [0.1f, 0.4f, 0.35f, 0.8f];
        bool[] anomaly = [false, false, true, true];

        Assert.Equal(0.5 + 0.5 * 2 / 3.0, RankingCurves.AveragePrecision(scores, anomaly), 12);
    }

    [Fact]
    public void AveragePrecision_TakesTiedScoresAsOneStep()
    {
        // At 3: R 0.5, P 1. At 2 both tied beats join at once: R 1, P 2/3.
        float[] scores = [1, 2, 2, 3];
        bool[] anomaly = [false, false, true, true];

        Assert.Equal(0.5 + 0.5 * 2 / 3.0, RankingCurves.AveragePrecision(scores, anomaly), 12);
    }

    [Fact]
    public void Roc_RunsFromOriginToOne_WithOnePointPerDistinctScore()
    {
        float[] scores = [1, 2, 2, 3];
        bool[] anomaly = [false, false, true, true];

        var roc = RankingCurves.Roc(scores, anomaly);

        Assert.Equal([(0.0, 0.0), (0.0, 0.5), (0.5, 1.0), (1.0, 1.0)], roc);
    }
}
