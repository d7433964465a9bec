namespace EcgStream.Trainer.Training;

/// <summary>What picks the classifier epoch whose weights are kept, and drives early stopping (<c>--select-by</c>).</summary>
public enum ClassifierCheckpoint
{
    /// <summary>Highest macro-F1 on the validation split ("macro-f1"); a tie goes to the lower validation loss.</summary>
    MacroF1,

    /// <summary>Lowest cross-entropy on the validation split ("loss").</summary>
    Loss,

    /// <summary>The last epoch ("last"): no early stopping, every epoch runs and its weights are kept (training for a number of epochs chosen by cross-validation).</summary>
    LastEpoch,
}
