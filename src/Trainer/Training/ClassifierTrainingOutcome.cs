using EcgStream.Model.Classification;

namespace EcgStream.Trainer.Training;

/// <summary>The result of a classifier training run: the best weights and how they were reached.</summary>
/// <param name="BestParameters">Weights after the best epoch by the checkpoint criterion.</param>
/// <param name="BestEpoch">That epoch (1-based).</param>
/// <param name="History">Every epoch that ran, in order.</param>
/// <param name="StopReason">Why the loop ended.</param>
/// <param name="Elapsed">Wall time of the loop.</param>
public sealed record ClassifierTrainingOutcome(
    ClassifierParameters BestParameters,
    int BestEpoch,
    IReadOnlyList<ClassifierEpochRecord> History,
    StopReason StopReason,
    TimeSpan Elapsed);
