using System.Globalization;

namespace EcgStream.Trainer.Evaluation;

/// <summary>Chooses the anomaly threshold from validation scores; test scores are never passed here.</summary>
public static class ThresholdSelector
{
    /// <summary>
    /// Chooses by <paramref name="method"/>; <see cref="ThresholdMethod.Auto"/> means max-F1 when the validation beats hold
    /// an anomaly and the <paramref name="percentile"/> of the normal ones otherwise.
    /// </summary>
    public static Threshold Choose(ReadOnlySpan<float> scores, ReadOnlySpan<bool> isAnomaly, ThresholdMethod method, double percentile)
    {
        if (scores.Length != isAnomaly.Length) throw new ArgumentException("scores and isAnomaly must have the same length.", nameof(isAnomaly));
        bool hasAnomalies = isAnomaly.Contains(true);
        if (method == ThresholdMethod.Auto) method = hasAnomalies ? ThresholdMethod.MaxF1 : ThresholdMethod.Percentile;
        if (method == ThresholdMethod.MaxF1)
        {
            if (!hasAnomalies) throw new InvalidOperationException("Max-F1 needs anomalous validation beats; this protocol's validation split has none.");
            return new Threshold(MaxF1(scores, isAnomaly), "max-f1-validation");
        }

        var normal = new List<float>();
        for (int i = 0; i < scores.Length; i++) if (!isAnomaly[i]) normal.Add(scores[i]);
        if (normal.Count == 0) throw new InvalidOperationException("A percentile threshold needs normal validation beats.");
        string name = "p" + percentile.ToString("0.###", CultureInfo.InvariantCulture) + "-normal-validation";
        return new Threshold(Percentile(normal.ToArray(), percentile), name);
    }

    /// <summary>
    /// The threshold with the highest F1 for "score &gt; threshold": candidates lie halfway between consecutive distinct
    /// scores (and just below the lowest); of the candidates that tie for the best F1 the middle one is taken, so the
    /// threshold does not hug a validation beat.
    /// </summary>
    public static float MaxF1(ReadOnlySpan<float> scores, ReadOnlySpan<bool> isAnomaly)
    {
        var keys = scores.ToArray();
        var labels = isAnomaly.ToArray();
        Array.Sort(keys, labels);
        int positives = labels.Count(l => l);

        // Threshold below keys[i] (and above keys[i-1]) flags beats i..n-1. Walk i upwards, keeping TP and FP of that set.
        int tp = positives, fp = keys.Length - positives;
        var best = new List<float>();
        double bestF1 = -1;
        for (int i = 0; i < keys.Length; i++)
        {
            if (i == 0 || keys[i] != keys[i - 1])
            {
                double f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
                float candidate = i == 0 ? keys[0] - Math.Max(1e-6f, Math.Abs(keys[0]) * 1e-6f) : keys[i - 1] + (keys[i] - keys[i - 1]) / 2;
                if (f1 > bestF1 + 1e-12) { bestF1 = f1; best.Clear(); }
                if (Math.Abs(f1 - bestF1) <= 1e-12) best.Add(candidate);
            }
            if (labels[i]) tp--; else fp--;
        }
        return best[best.Count / 2];
    }

    /// <summary>The <paramref name="percentile"/> (0..100) of <paramref name="values"/>, linearly interpolated (NumPy's default).</summary>
    public static float Percentile(float[] values, double percentile)
    {
        if (values.Length == 0) throw new ArgumentException("No values.", nameof(values));
        if (!(percentile is >= 0 and <= 100)) throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Must be 0..100.");
        var sorted = (float[])values.Clone();
        Array.Sort(sorted);
        double position = percentile / 100 * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return (float)(sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]));
    }
}
