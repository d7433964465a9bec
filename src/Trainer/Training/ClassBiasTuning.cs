using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Training;

/// <summary>
/// Chooses per-class offsets for the classifier's output bias from held-out predictions (<c>--tune-bias</c>).
/// A network trained on SMOTE-balanced classes learns that every class is equally common, so it calls the rare classes
/// more often than real data warrants; adding an offset b_c to class c's logit moves each decision boundary without
/// retraining. Since softmax is unchanged by one constant added to every logit, argmax(logit + b) = argmax(log p + b),
/// so the offsets can be chosen from the held-out probabilities alone.
/// </summary>
/// <remarks>
/// Coordinate ascent on the held-out macro-F1 (the trainer's selection figure): class 0 is the reference and keeps
/// offset 0 (only differences between offsets matter); every other class in turn tries each offset of the grid
/// −<see cref="Limit"/>..<see cref="Limit"/> in steps of <see cref="Step"/> and takes the one with the highest macro-F1, a tie going
/// to the offset nearer 0, so that nothing moves unless the held-out beats say it should; <see cref="Sweeps"/> passes
/// over the classes. A class with no held-out beat keeps offset 0: nothing says where its boundary belongs, and moving
/// it could only trade one wrong answer for another (the UCR validation slice has no Unclassified beat). Deterministic.
/// </remarks>
public static class ClassBiasTuning
{
    /// <summary>Largest offset tried, either way, in logit units (e^3 ≈ 20 times the odds).</summary>
    public const double Limit = 3.0;

    /// <summary>Spacing of the offsets tried.</summary>
    public const double Step = 0.25;

    /// <summary>Passes over the classes.</summary>
    public const int Sweeps = 4;

    /// <summary>
    /// The offsets for <paramref name="probabilities"/> ([beats, classes], softmax outputs on held-out beats) whose true
    /// classes are <paramref name="labels"/>, and the held-out macro-F1 before and after.
    /// </summary>
    public static ClassBias Tune(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (labels.IsEmpty) throw new ArgumentException("No held-out beats.", nameof(labels));
        if (probabilities.Length != labels.Length * classCount) throw new ArgumentException($"probabilities must hold {labels.Length} × {classCount} values.", nameof(probabilities));

        // Log-probabilities, floored so that a probability of exactly 0 still ranks below every other class.
        var logProbabilities = new double[probabilities.Length];
        for (int i = 0; i < logProbabilities.Length; i++) logProbabilities[i] = Math.Log(Math.Max(probabilities[i], 1e-30f));
        int[] truth = labels.ToArray();
        var predicted = new int[truth.Length];
        var offsets = new double[classCount];
        var hasHeldOutBeats = new bool[classCount];
        foreach (int label in truth) hasHeldOutBeats[label] = true;

        double MacroF1()
        {
            Predict(logProbabilities, offsets, predicted);
            return MulticlassConfusionMatrix.Of(truth, predicted, classCount).MacroF1;
        }

        double before = MacroF1(), best = before;
        int steps = (int)Math.Round(Limit / Step);
        for (int sweep = 0; sweep < Sweeps; sweep++)
        {
            for (int c = 1; c < classCount; c++)
            {
                if (!hasHeldOutBeats[c]) continue;
                double kept = offsets[c];
                for (int s = -steps; s <= steps; s++)
                {
                    offsets[c] = s * Step;
                    double figure = MacroF1();
                    if (figure > best || (figure == best && Math.Abs(offsets[c]) < Math.Abs(kept)))
                    {
                        best = figure;
                        kept = offsets[c];
                    }
                }
                offsets[c] = kept;
            }
        }
        return new ClassBias(offsets, before, best);
    }

    /// <summary>The class with the highest log-probability plus offset for each beat; the lower class wins a tie.</summary>
    private static void Predict(double[] logProbabilities, double[] offsets, int[] predicted)
    {
        int classes = offsets.Length;
        for (int i = 0; i < predicted.Length; i++)
        {
            int best = 0;
            double bestValue = logProbabilities[i * classes] + offsets[0];
            for (int c = 1; c < classes; c++)
            {
                double value = logProbabilities[i * classes + c] + offsets[c];
                if (value > bestValue) (best, bestValue) = (c, value);
            }
            predicted[i] = best;
        }
    }
}
