using EcgStream.Model;
using EcgStream.Model.Parameters;

namespace EcgStream.Trainer.Training;

/// <summary>The result of a training run: the best weights, how they were reached, and the normalisation they expect.</summary>
/// <param name="Best">The model after the best epoch by the checkpoint criterion; its metadata holds only the normalisation.</param>
/// <param name="BestEpoch">That epoch (1-based).</param>
/// <param name="History">Every epoch that ran, in order.</param>
/// <param name="Normalisation">Normalisation fitted on the training beats.</param>
/// <param name="StopReason">Why the loop ended.</param>
/// <param name="Elapsed">Wall time of the loop.</param>
public sealed record TrainingOutcome(
    IAutoencoderModel Best,
    int BestEpoch,
    IReadOnlyList<EpochRecord> History,
    Normalisation Normalisation,
    StopReason StopReason,
    TimeSpan Elapsed)
{
    /// <summary>The best weights of an LSTM autoencoder run; throws <see cref="InvalidOperationException"/> for another architecture.</summary>
    public AutoencoderParameters BestParameters =>
        (Best as AutoencoderModel)?.Parameters ?? throw new InvalidOperationException($"This run trained {AutoencoderArchitectureNames.Name(Best.Architecture)}, not lstm-ae.");
}
