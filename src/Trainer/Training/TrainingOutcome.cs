using EcgStream.Model;
using EcgStream.Model.Parameters;

namespace EcgStream.Trainer.Training;

/// <summary>The result of a training run: the best weights, how they were reached, and the normalisation they expect.</summary>
/// <param name="BestParameters">Weights after the best epoch by the checkpoint criterion.</param>
/// <param name="BestEpoch">That epoch (1-based).</param>
/// <param name="History">Every epoch that ran, in order.</param>
/// <param name="Normalisation">Normalisation fitted on the training beats.</param>
/// <param name="StopReason">Why the loop ended.</param>
/// <param name="Elapsed">Wall time of the loop.</param>
public sealed record TrainingOutcome(
    AutoencoderParameters BestParameters,
    int BestEpoch,
    IReadOnlyList<EpochRecord> History,
    Normalisation Normalisation,
    StopReason StopReason,
    TimeSpan Elapsed);
