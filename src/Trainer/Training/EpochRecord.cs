namespace EcgStream.Trainer.Training;

/// <summary>What one training epoch did.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's mini-batches (before each step).</param>
/// <param name="ValidationLoss">Loss of the normal validation beats after the epoch.</param>
/// <param name="ValidationRocAuc">ROC-AUC of all validation beats after the epoch; NaN when the epochs are ranked by loss.</param>
/// <param name="LearningRate">Adam's learning rate during the epoch.</param>
/// <param name="Elapsed">Wall time of the epoch, validation included.</param>
/// <param name="IsBest">True when this epoch is the best so far by the checkpoint criterion (its weights were kept).</param>
public sealed record EpochRecord(int Epoch, float TrainLoss, float ValidationLoss, double ValidationRocAuc, double LearningRate, TimeSpan Elapsed, bool IsBest);
