namespace EcgStream.Trainer.Evaluation;

/// <summary>How the anomaly threshold is chosen from the validation split.</summary>
public enum ThresholdMethod
{
    /// <summary><see cref="MaxF1"/> when validation holds anomalies, <see cref="Percentile"/> when it holds none.</summary>
    Auto,

    /// <summary>The threshold that maximises F1 (anomaly positive) on the validation beats.</summary>
    MaxF1,

    /// <summary>A percentile of the errors of the normal validation beats.</summary>
    Percentile,
}
