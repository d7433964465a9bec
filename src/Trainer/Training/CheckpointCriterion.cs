namespace EcgStream.Trainer.Training;

/// <summary>Which validation figure picks the epoch whose weights are kept, and drives early stopping and learning-rate cuts.</summary>
public enum CheckpointCriterion
{
    /// <summary>The lowest loss of the normal validation beats.</summary>
    Loss,

    /// <summary>The highest ROC-AUC of the scores of all validation beats, normal against anomalous.</summary>
    RocAuc,
}
