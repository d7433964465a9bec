namespace EcgStream.Trainer.Evaluation;

/// <summary>
/// Threshold-free measures of how well scores rank anomalies above normal beats: the ROC curve and its area, and the
/// average precision (area under the precision-recall curve). Tied scores are one operating point, as in scikit-learn.
/// </summary>
public static class RankingCurves
{
    /// <summary>
    /// ROC points (false-positive rate, true-positive rate) from (0, 0) to (1, 1), one per distinct score taken as the
    /// threshold, highest first. Empty when either class is absent.
    /// </summary>
    public static IReadOnlyList<(double FalsePositiveRate, double TruePositiveRate)> Roc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> isAnomaly)
    {
        var points = new List<(double, double)>();
        var (positives, negatives) = CountClasses(isAnomaly, scores.Length);
        if (positives == 0 || negatives == 0) return points;
        points.Add((0, 0));
        foreach (var (tp, fp) in OperatingPoints(scores, isAnomaly)) points.Add(((double)fp / negatives, (double)tp / positives));
        return points;
    }

    /// <summary>Area under the ROC curve by the trapezoid rule; NaN when either class is absent.</summary>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> isAnomaly)
    {
        var points = Roc(scores, isAnomaly);
        if (points.Count == 0) return double.NaN;
        double area = 0;
        for (int i = 1; i < points.Count; i++)
        {
            area += (points[i].FalsePositiveRate - points[i - 1].FalsePositiveRate)
                  * (points[i].TruePositiveRate + points[i - 1].TruePositiveRate) / 2;
        }
        return area;
    }

    /// <summary>
    /// Average precision, Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the distinct thresholds, highest first (scikit-learn's
    /// average_precision_score, the usual PR-AUC); NaN when there are no anomalies.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<bool> isAnomaly)
    {
        var (positives, _) = CountClasses(isAnomaly, scores.Length);
        if (positives == 0) return double.NaN;
        double area = 0, previousRecall = 0;
        foreach (var (tp, fp) in OperatingPoints(scores, isAnomaly))
        {
            double recall = (double)tp / positives;
            double precision = (double)tp / (tp + fp);
            area += (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        return area;
    }

    /// <summary>Cumulative (TP, FP) after each distinct score, going down from the highest.</summary>
    private static List<(int TruePositives, int FalsePositives)> OperatingPoints(ReadOnlySpan<float> scores, ReadOnlySpan<bool> isAnomaly)
    {
        if (scores.Length != isAnomaly.Length) throw new ArgumentException("scores and isAnomaly must have the same length.", nameof(isAnomaly));
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        var points = new List<(int, int)>();
        int tp = 0, fp = 0;
        for (int k = order.Length - 1; k >= 0; k--)
        {
            if (isAnomaly[order[k]]) tp++; else fp++;

            // A point is taken only after the last of a run of equal scores: one threshold cannot split a tie.
            if (k == 0 || keys[k - 1] != keys[k]) points.Add((tp, fp));
        }
        return points;
    }

    private static (int Positives, int Negatives) CountClasses(ReadOnlySpan<bool> isAnomaly, int scoreCount)
    {
        if (scoreCount != isAnomaly.Length) throw new ArgumentException("scores and isAnomaly must have the same length.", nameof(isAnomaly));
        int positives = 0;
        foreach (bool anomaly in isAnomaly) if (anomaly) positives++;
        return (positives, isAnomaly.Length - positives);
    }
}
