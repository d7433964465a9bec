using EcgStream.Beats.Ecg5000;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Evaluation;

/// <summary>A classifier's answer for one beat.</summary>
/// <param name="Beat">The beat, with its true class, source file and row.</param>
/// <param name="Split">The split it was evaluated in.</param>
/// <param name="Predicted">The predicted class index, 0..4 (the most probable class; the lower index on a tie).</param>
/// <param name="Probabilities">The softmax probabilities of the five classes, in index order.</param>
public sealed record BeatPrediction(LabeledBeat Beat, DataSplit Split, int Predicted, float[] Probabilities)
{
    /// <summary>The true class index, 0..4.</summary>
    public int Truth => ClassLabels.IndexOf(Beat.Class);

    /// <summary>True when the prediction is the true class.</summary>
    public bool IsCorrect => Predicted == Truth;

    /// <summary>The index of the largest of <paramref name="probabilities"/>; the lower index wins a tie.</summary>
    public static int ArgMax(ReadOnlySpan<float> probabilities)
    {
        if (probabilities.IsEmpty) throw new ArgumentException("No probabilities.", nameof(probabilities));
        int best = 0;
        for (int c = 1; c < probabilities.Length; c++) if (probabilities[c] > probabilities[best]) best = c;
        return best;
    }
}
