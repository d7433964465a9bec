namespace EcgStream.Trainer.Training;

/// <summary>What one classifier training epoch did.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean (class-weighted) cross-entropy over the epoch's mini-batches, before each step.</param>
/// <param name="ValidationLoss">Cross-entropy of the validation beats after the epoch (no dropout).</param>
/// <param name="ValidationAccuracy">Share of validation beats classified correctly after the epoch.</param>
/// <param name="ValidationMacroF1">Macro-F1 of the validation beats after the epoch.</param>
/// <param name="LearningRate">Adam's learning rate during the epoch.</param>
/// <param name="Elapsed">Wall time of the epoch, validation included.</param>
/// <param name="IsBest">True when this epoch is the best so far by the checkpoint criterion (its weights were kept).</param>
public sealed record ClassifierEpochRecord(
    int Epoch, float TrainLoss, float ValidationLoss, double ValidationAccuracy, double ValidationMacroF1, double LearningRate, TimeSpan Elapsed, bool IsBest);
