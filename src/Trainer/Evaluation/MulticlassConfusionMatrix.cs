using System.Text.Json.Serialization;

namespace EcgStream.Trainer.Evaluation;

/// <summary>
/// Counts of a classifier's decisions: <see cref="Counts"/>[t][p] beats of true class t predicted as class p (rows true,
/// columns predicted), class indexes 0..<see cref="ClassCount"/>−1. Macro figures average over the classes that occur
/// in the truth (support &gt; 0), as scikit-learn's balanced accuracy does, so a class absent from a split (the UCR
/// validation slice has no UB beat) neither helps nor hurts.
/// </summary>
public sealed class MulticlassConfusionMatrix
{
    /// <summary>Wraps <paramref name="counts"/> (a square matrix, rows true, columns predicted); the arrays are copied.</summary>
    [JsonConstructor]
    public MulticlassConfusionMatrix(int[][] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Length == 0) throw new ArgumentException("At least one class is needed.", nameof(counts));
        foreach (var row in counts)
        {
            if (row is null || row.Length != counts.Length) throw new ArgumentException("The matrix must be square.", nameof(counts));
            if (row.Any(c => c < 0)) throw new ArgumentException("Counts cannot be negative.", nameof(counts));
        }
        Counts = counts.Select(r => (int[])r.Clone()).ToArray();
    }

    /// <summary>Counts the pairs (<paramref name="truth"/>[i], <paramref name="predicted"/>[i]).</summary>
    public static MulticlassConfusionMatrix Of(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classCount)
    {
        if (truth.Length != predicted.Length) throw new ArgumentException("truth and predicted must have the same length.", nameof(predicted));
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        var counts = new int[classCount][];
        for (int c = 0; c < classCount; c++) counts[c] = new int[classCount];
        for (int i = 0; i < truth.Length; i++)
        {
            if ((uint)truth[i] >= (uint)classCount) throw new ArgumentOutOfRangeException(nameof(truth), truth[i], $"Class indexes are 0..{classCount - 1}.");
            if ((uint)predicted[i] >= (uint)classCount) throw new ArgumentOutOfRangeException(nameof(predicted), predicted[i], $"Class indexes are 0..{classCount - 1}.");
            counts[truth[i]][predicted[i]]++;
        }
        return new MulticlassConfusionMatrix(counts);
    }

    /// <summary>Counts[t][p]: beats of true class t predicted as p.</summary>
    public int[][] Counts { get; }

    /// <summary>Number of classes.</summary>
    [JsonIgnore]
    public int ClassCount => Counts.Length;

    /// <summary>Number of beats counted.</summary>
    [JsonIgnore]
    public int Total => Counts.Sum(r => r.Sum());

    /// <summary>Beats whose true class is <paramref name="c"/> (its row sum).</summary>
    public int Support(int c) => Counts[c].Sum();

    /// <summary>Beats predicted as <paramref name="c"/> (its column sum).</summary>
    public int PredictedCount(int c) => Counts.Sum(r => r[c]);

    /// <summary>Beats of class <paramref name="c"/> predicted as <paramref name="c"/> (the diagonal).</summary>
    public int Correct(int c) => Counts[c][c];

    /// <summary>Correct / predicted as c; 0 when nothing is predicted as c.</summary>
    public double Precision(int c) => Ratio(Correct(c), PredictedCount(c));

    /// <summary>Correct / support of c; 0 when c has no beats.</summary>
    public double Recall(int c) => Ratio(Correct(c), Support(c));

    /// <summary>2·correct / (support + predicted as c), the harmonic mean of precision and recall; 0 when undefined.</summary>
    public double F1(int c) => Ratio(2 * Correct(c), Support(c) + PredictedCount(c));

    /// <summary>The share of beats on the diagonal; 0 for no beats.</summary>
    [JsonIgnore]
    public double Accuracy => Ratio(Enumerable.Range(0, ClassCount).Sum(Correct), Total);

    /// <summary>Mean recall over the classes present; equal to the balanced accuracy by definition.</summary>
    [JsonIgnore]
    public double MacroRecall => MacroMean(Recall);

    /// <summary>Mean recall over the classes present (scikit-learn's balanced_accuracy_score); the same value as <see cref="MacroRecall"/>.</summary>
    [JsonIgnore]
    public double BalancedAccuracy => MacroRecall;

    /// <summary>Mean precision over the classes present.</summary>
    [JsonIgnore]
    public double MacroPrecision => MacroMean(Precision);

    /// <summary>Mean F1 over the classes present.</summary>
    [JsonIgnore]
    public double MacroF1 => MacroMean(F1);

    private double MacroMean(Func<int, double> figure)
    {
        var present = Enumerable.Range(0, ClassCount).Where(c => Support(c) > 0).ToList();
        return present.Count == 0 ? 0 : present.Average(figure);
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
