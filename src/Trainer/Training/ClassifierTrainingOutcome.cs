using EcgStream.Model.Classification;

namespace EcgStream.Trainer.Training;

/// <summary>The result of a classifier training run: the best weights and how they were reached.</summary>
/// <param name="BestParameters">Weights after the best epoch by the checkpoint criterion.</param>
/// <param name="BestEpoch">That epoch (1-based).</param>
/// <param name="History">Every epoch that ran, in order.</param>
/// <param name="ValidationProbabilities">The softmax outputs on the validation beats after each epoch ([beats, classes], index 0 = epoch 1).</param>
/// <param name="StopReason">Why the loop ended.</param>
/// <param name="Elapsed">Wall time of the loop.</param>
public sealed record ClassifierTrainingOutcome(
    ClassifierParameters BestParameters,
    int BestEpoch,
    IReadOnlyList<ClassifierEpochRecord> History,
    IReadOnlyList<float[]> ValidationProbabilities,
    StopReason StopReason,
    TimeSpan Elapsed);
