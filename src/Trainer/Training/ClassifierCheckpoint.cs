namespace EcgStream.Trainer.Training;

/// <summary>What picks the classifier epoch whose weights are kept, and drives early stopping (<c>--select-by</c>).</summary>
public enum ClassifierCheckpoint
{
    /// <summary>Highest macro-F1 on the validation split ("macro-f1"); a tie goes to the lower validation loss.</summary>
    MacroF1,

    /// <summary>Lowest cross-entropy on the validation split ("loss").</summary>
    Loss,
}
