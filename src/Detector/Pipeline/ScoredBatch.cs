using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;
using EcgStream.Model;

namespace EcgStream.Detector.Pipeline;

/// <summary>A batch after inference: per item the scorer's decision, per valid beat its reconstruction, in the batch's order.</summary>
/// <param name="Batch">The batch as the batcher formed it (invalid messages included, unscored).</param>
/// <param name="Decisions">[Batch.Items.Count] the decision on each item; NaN score and no anomaly for items that are not valid beats.</param>
/// <param name="Normalised">[count, samples] the valid beats as the model saw them, in order of the valid items.</param>
/// <param name="Reconstructions">[count, samples] the model's reconstructions, same order as <paramref name="Normalised"/>.</param>
/// <param name="RowOfItem">[Batch.Items.Count] row of each item in <paramref name="Normalised"/>; -1 for invalid items.</param>
/// <param name="ScoringStartedTimestamp">When the batch entered the engine (system clock timestamp).</param>
/// <param name="InferenceTime">Time the engine (and the classifier, when there is one) took for the batch.</param>
/// <param name="Metadata">The model that scored the batch: its threshold and version go with every decision of the batch.</param>
public sealed record ScoredBatch(
    BeatBatch Batch, BeatDecision[] Decisions, float[] Normalised, float[] Reconstructions, int[] RowOfItem,
    long ScoringStartedTimestamp, TimeSpan InferenceTime, ModelMetadata Metadata)
{
    /// <summary>[count, 5] the classifier's class probabilities of the valid beats, same order as <see cref="Normalised"/>; null without a classifier.</summary>
    public float[]? Probabilities { get; init; }

    /// <summary>Which autoencoder scored the batch ("lstm-ae", "dense-ae").</summary>
    public string ModelArchitecture { get; init; } = AutoencoderArchitectureNames.Name(AutoencoderArchitecture.LstmAe);

    /// <summary>Version of the classifier that typed the batch; null without a classifier.</summary>
    public string? ClassifierVersion { get; init; }

    /// <summary>The predicted type and the five probabilities of valid item <paramref name="index"/>; (null, null) without a classifier.</summary>
    public (BeatType? Type, float[]? Probabilities) TypeOf(int index)
    {
        if (Probabilities is not { } all) return (null, null);
        int classes = BeatClassNames.Count;
        var probabilities = all.AsSpan(RowOfItem[index] * classes, classes).ToArray();
        return (BeatType.MostLikely(probabilities), probabilities);
    }
}
