using EcgStream.Trainer.Data;
using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Tests.Evaluation;

public sealed class MulticlassConfusionMatrixTests
{
    // Ten beats, three classes, worked by hand:
    //   true 0: predicted 0, 0, 0, 1      true 1: predicted 1, 1, 2      true 2: predicted 2, 0, 2
    // Counts (rows true, columns predicted):  [3 1 0] [0 2 1] [1 0 2]
    private static readonly int[] Truth = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
    private static readonly int[] Predicted = [0, 0, 0, 1, 1, 1, 2, 2, 0, 2];

    [Fact]
    public void Of_CountsRowsTrue_ColumnsPredicted()
    {
        var matrix = MulticlassConfusionMatrix.Of(Truth, Predicted, 3);

        Assert.Equal([[3, 1, 0], [0, 2, 1], [1, 0, 2]], matrix.Counts);
        Assert.Equal(10, matrix.Total);
    }

    [Fact]
    public void Accuracy_IsTheDiagonalShare()
    {
        var matrix = MulticlassConfusionMatrix.Of(Truth, Predicted, 3);

        Assert.Equal(0.7, matrix.Accuracy, 12);   // (3 + 2 + 2) / 10
    }

    [Fact]
    public void PerClassFigures_MatchTheHandComputedValues()
    {
        var matrix = MulticlassConfusionMatrix.Of(Truth, Predicted, 3);

        // Class 0: precision 3/4, recall 3/4, F1 3/4.  Class 1: 2/3, 2/3, 2/3.  Class 2: 2/3, 2/3, 2/3.
        Assert.Equal(0.75, matrix.Precision(0), 12);
        Assert.Equal(0.75, matrix.Recall(0), 12);
        Assert.Equal(0.75, matrix.F1(0), 12);
        Assert.Equal(2.0 / 3, matrix.Precision(1), 12);
        Assert.Equal(2.0 / 3, matrix.Recall(2), 12);
        Assert.Equal(4, matrix.Support(0));
        Assert.Equal(3, matrix.PredictedCount(2));
    }

    [Fact]
    public void MacroFigures_AverageTheClasses()
    {
        var matrix = MulticlassConfusionMatrix.Of(Truth, Predicted, 3);

        double macro = (0.75 + 2.0 / 3 + 2.0 / 3) / 3;
        Assert.Equal(macro, matrix.MacroRecall, 12);
        Assert.Equal(macro, matrix.BalancedAccuracy, 12);
        Assert.Equal(macro, matrix.MacroF1, 12);
        Assert.Equal(macro, matrix.MacroPrecision, 12);
    }

    [Fact]
    public void MacroFigures_DifferFromAccuracy_WhenClassesAreImbalanced()
    {
        // 8 normal beats all right, 2 rare beats both called normal.
        var matrix = MulticlassConfusionMatrix.Of([0, 0, 0, 0, 0, 0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 2);

        Assert.Equal(0.8, matrix.Accuracy, 12);
        Assert.Equal(0.5, matrix.BalancedAccuracy, 12);               // recalls 1 and 0
        Assert.Equal(0.0, matrix.Precision(1));                        // nothing predicted as class 1
        Assert.Equal((2 * 8.0 / 18 + 0) / 2, matrix.MacroF1, 12);      // F1(0) = 16/18 (precision 0.8, recall 1)
    }

    [Fact]
    public void MacroFigures_SkipClassesAbsentFromTheTruth()
    {
        // Class 2 never occurs in the truth but is predicted once.
        var matrix = MulticlassConfusionMatrix.Of([0, 0, 1, 1], [0, 2, 1, 1], 3);

        Assert.Equal((0.5 + 1.0) / 2, matrix.MacroRecall, 12);
        Assert.Equal((2.0 / 3 + 1.0) / 2, matrix.MacroF1, 12);         // F1(0) = 2·1 / (2 + 1)
    }

    [Fact]
    public void Of_Rejects_AClassOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MulticlassConfusionMatrix.Of([0, 5], [0, 0], ClassLabels.Count));
    }

    [Fact]
    public void ClassificationMetrics_ListEachClass_WithItsCounts()
    {
        var matrix = MulticlassConfusionMatrix.Of(Truth, Predicted, 3);

        var metrics = ClassificationMetrics.From(matrix, ["a", "b", "c"], "v", "conv1d", "seed", "test", 5000, "smote");

        Assert.Equal(new ClassFigures(1, "a", 4, 4, 3, 0.75, 0.75, 0.75), metrics.PerClass[0]);
        Assert.Equal(3, metrics.PerClass[2].Support);
        Assert.Equal(10, metrics.Beats);
        Assert.Equal(0.7, metrics.Accuracy, 12);
    }

    [Fact]
    public void ClassificationMetricsFile_RoundTrips()
    {
        using var folder = new Support.TempFolder();
        var metrics = ClassificationMetrics.From(MulticlassConfusionMatrix.Of(Truth, Predicted, 3), ["a", "b", "c"], "v", "lstm", "ucr", "test", 5000, "none");

        ClassificationMetricsFile.Write(folder.File("m.json"), metrics);
        var read = ClassificationMetricsFile.Read(folder.File("m.json"));

        Assert.Equal(metrics.ConfusionMatrix, read.ConfusionMatrix);
        Assert.Equal(metrics.PerClass, read.PerClass);
        Assert.Equal(metrics.MacroF1, read.MacroF1);
        Assert.Contains("\"balancedAccuracy\"", File.ReadAllText(folder.File("m.json")));
    }
}
