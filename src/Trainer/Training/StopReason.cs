namespace EcgStream.Trainer.Training;

/// <summary>Why training stopped.</summary>
public enum StopReason
{
    /// <summary>Every requested epoch ran.</summary>
    MaxEpochs,

    /// <summary>Validation loss did not improve for the patience number of epochs.</summary>
    EarlyStopping,

    /// <summary>The user pressed Ctrl-C; the best epoch so far is kept.</summary>
    Interrupted,
}
