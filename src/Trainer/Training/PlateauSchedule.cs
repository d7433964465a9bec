namespace EcgStream.Trainer.Training;

/// <summary>
/// Lowers the learning rate when the checkpoint criterion (validation loss or ROC-AUC) stops improving, as PyTorch's
/// ReduceLROnPlateau (threshold 0, cooldown 0): after every <see cref="Patience"/> epochs in a row without a new best, lr ← lr·<see cref="Factor"/>.
/// </summary>
/// <param name="Patience">Epochs without a new best before each cut; 0 turns the schedule off.</param>
/// <param name="Factor">What the learning rate is multiplied by at each cut, in (0, 1).</param>
public sealed record PlateauSchedule(int Patience, double Factor)
{
    /// <summary>A schedule that never changes the learning rate.</summary>
    public static PlateauSchedule Off { get; } = new(0, 1);

    /// <summary>
    /// The learning rate for the next epoch, given the current one and how many epochs have passed since the best
    /// epoch (0 when this epoch was the best).
    /// </summary>
    public double Next(double learningRate, int epochsSinceBest) =>
        Patience > 0 && epochsSinceBest > 0 && epochsSinceBest % Patience == 0 ? learningRate * Factor : learningRate;
}
