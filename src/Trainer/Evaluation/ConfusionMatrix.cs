using System.Text.Json.Serialization;

namespace EcgStream.Trainer.Evaluation;

/// <summary>Counts of decisions against ground truth, with the anomaly as the positive class.</summary>
/// <param name="TruePositives">Anomalous beats flagged as anomalies.</param>
/// <param name="FalsePositives">Normal beats flagged as anomalies.</param>
/// <param name="TrueNegatives">Normal beats passed as normal.</param>
/// <param name="FalseNegatives">Anomalous beats passed as normal.</param>
public sealed record ConfusionMatrix(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    /// <summary>Decides every beat by score &gt; <paramref name="threshold"/> and counts the outcomes.</summary>
    public static ConfusionMatrix At(ReadOnlySpan<float> scores, ReadOnlySpan<bool> isAnomaly, float threshold)
    {
        if (scores.Length != isAnomaly.Length) throw new ArgumentException("scores and isAnomaly must have the same length.", nameof(isAnomaly));
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            bool flagged = scores[i] > threshold;
            if (isAnomaly[i]) { if (flagged) tp++; else fn++; }
            else { if (flagged) fp++; else tn++; }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    /// <summary>Number of beats counted.</summary>
    [JsonIgnore]
    public int Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>(TP + TN) / total; 0 for no beats.</summary>
    [JsonIgnore]
    public double Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    /// <summary>TP / (TP + FP); 0 when nothing is flagged.</summary>
    [JsonIgnore]
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN), the anomaly detection rate; 0 when there are no anomalies.</summary>
    [JsonIgnore]
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>TN / (TN + FP), the share of normal beats passed; 0 when there are no normal beats.</summary>
    [JsonIgnore]
    public double Specificity => Ratio(TrueNegatives, TrueNegatives + FalsePositives);

    /// <summary>2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall; 0 when it is undefined.</summary>
    [JsonIgnore]
    public double F1 => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
