namespace EcgStream.Trainer.Data;

/// <summary>Which part of a protocol a beat belongs to.</summary>
public enum DataSplit
{
    /// <summary>Beats the model learns from (the autoencoder: normal beats only; the classifier: every class).</summary>
    Train,

    /// <summary>Beats for early stopping (the autoencoder: their normal beats) and for choosing the threshold.</summary>
    Validation,

    /// <summary>Beats held out for the reported figures; never used to choose anything.</summary>
    Test,

    /// <summary>Beats a protocol leaves out (under <see cref="DataProtocol.Ucr"/>: the anomalous beats of TRAIN).</summary>
    Unused,
}
