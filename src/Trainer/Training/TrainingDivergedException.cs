namespace EcgStream.Trainer.Training;

/// <summary>The training loss became NaN or infinite; the message says in which epoch and what to change.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message)
{
    /// <summary>Throws when <paramref name="trainLoss"/>, epoch <paramref name="epoch"/>'s training loss, is NaN or infinite.</summary>
    public static void ThrowIfNotFinite(float trainLoss, int epoch)
    {
        if (!float.IsFinite(trainLoss))
        {
            throw new TrainingDivergedException($"Training diverged in epoch {epoch} (loss {trainLoss}); lower --lr or set --clip-norm.");
        }
    }
}
