using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Tests.Support;

namespace EcgStream.Trainer.Tests.Evaluation;

public sealed class EvaluatorTests
{
    [Fact]
    public void Decide_FlagsExactlyTheScoresAboveTheThreshold()
    {
        var decided = ScoredBeats.Decided();

        Assert.Equal([false, false, true, true, true, false, true, true], decided.Select(d => d.Flagged));
    }

    [Fact]
    public void Measure_CountsTheConfusionMatrix_AndItsRatios()
    {
        var metrics = ScoredBeats.Metrics();

        Assert.Equal(new ConfusionMatrix(TruePositives: 4, FalsePositives: 1, TrueNegatives: 2, FalseNegatives: 1), metrics.ConfusionMatrix);
        Assert.Equal(6.0 / 8, metrics.Accuracy, 12);
        Assert.Equal(8.0 / 10, metrics.F1, 12);
        Assert.Equal((8, 3, 5), (metrics.Beats, metrics.NormalBeats, metrics.AnomalousBeats));
    }

    [Fact]
    public void Measure_ComputesRankingAreas_FromTheScores()
    {
        var metrics = ScoredBeats.Metrics();

        // Anomalies 4, 5, 2, 6, 7 against normals 1, 2, 3: 15 pairs, the PVC's 2 loses to the 3 and ties the 2.
        Assert.Equal(13.5 / 15, metrics.RocAuc!.Value, 12);
        Assert.NotNull(metrics.PrAuc);
    }

    [Fact]
    public void Measure_ReportsDetectionPerClass_NormalAsSharePassed()
    {
        var perClass = ScoredBeats.Metrics().PerClass;

        Assert.Equal(
            [(1, "Normal", 3, 2), (2, "R-on-T PVC", 2, 2), (3, "PVC", 1, 0), (4, "SP/EB", 1, 1), (5, "UB", 1, 1)],
            perClass.Select(c => (c.Label, c.Name, c.Beats, c.Correct)));
        Assert.Equal(2.0 / 3, perClass[0].Rate, 12);
        Assert.Equal(0, perClass[2].Rate);
    }

    [Fact]
    public void Measure_CopiesTheModelsThresholdAndProtocol()
    {
        var metrics = ScoredBeats.Metrics();

        Assert.Equal(("test-model", "seed", "test", 5000, "l1sum", ScoredBeats.Threshold, "max-f1-validation"),
            (metrics.ModelVersion, metrics.Protocol, metrics.Split, metrics.SplitSeed, metrics.ErrorMetric, metrics.Threshold, metrics.ThresholdMethod));
    }
}
