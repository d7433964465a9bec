namespace EcgStream.Trainer.Data;

/// <summary>How ECG5000's two files are turned into train, validation and test beats.</summary>
public enum DataProtocol
{
    /// <summary>
    /// The seed projects' protocol: TRAIN and TEST pooled; normal beats split 85 / 7.5 / 7.5 % into train, validation and
    /// test; every anomalous beat goes to validation or test, half each, stratified by class.
    /// </summary>
    Seed,

    /// <summary>The UCR archive's own split: the normal beats of TRAIN (less a validation slice) train; all of TEST tests.</summary>
    Ucr,
}
