using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Tests.Evaluation;

public sealed class ConfusionMatrixTests
{
    private static readonly float[] Scores = [1, 2, 3, 4, 5];
    private static readonly bool[] Anomaly = [false, true, false, true, true];

    [Fact]
    public void At_CountsEachOutcome_WithAnomalyPositive()
    {
        var matrix = ConfusionMatrix.At(Scores, Anomaly, threshold: 2.5f);

        Assert.Equal(new ConfusionMatrix(TruePositives: 2, FalsePositives: 1, TrueNegatives: 1, FalseNegatives: 1), matrix);
    }

    [Fact]
    public void At_PassesAScoreEqualToTheThreshold()
    {
        var matrix = ConfusionMatrix.At(Scores, Anomaly, threshold: 4f);

        Assert.Equal(1, matrix.TruePositives);   // only the 5 is above 4
        Assert.Equal(2, matrix.FalseNegatives);
    }

    [Fact]
    public void Ratios_MatchTheirDefinitions()
    {
        var matrix = new ConfusionMatrix(TruePositives: 2, FalsePositives: 1, TrueNegatives: 1, FalseNegatives: 1);

        Assert.Equal(3.0 / 5, matrix.Accuracy, 12);
        Assert.Equal(2.0 / 3, matrix.Precision, 12);
        Assert.Equal(2.0 / 3, matrix.Recall, 12);
        Assert.Equal(1.0 / 2, matrix.Specificity, 12);
        Assert.Equal(4.0 / 6, matrix.F1, 12);
    }

    [Fact]
    public void Ratios_AreZero_WhenUndefined()
    {
        var matrix = new ConfusionMatrix(0, 0, 0, 0);

        Assert.Equal(0, matrix.Accuracy);
        Assert.Equal(0, matrix.Precision);
        Assert.Equal(0, matrix.Recall);
        Assert.Equal(0, matrix.F1);
    }
}
