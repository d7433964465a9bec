namespace EcgStream.Model;

/// <summary>What a model file says about its model besides the weights: how to score with it and where it came from.</summary>
public sealed record ModelMetadata
{
    /// <summary>Version of the file layout this code writes; files with a newer version are refused.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>File layout version (see <see cref="CurrentFormatVersion"/>).</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Human-readable model version carried in every anomaly event, e.g. "ecg5000-seed-1".</summary>
    public string ModelVersion { get; init; } = "untrained";

    /// <summary>Score above which a beat is an anomaly.</summary>
    public float Threshold { get; init; } = float.PositiveInfinity;

    /// <summary>How the threshold was chosen, e.g. "max-f1-validation" or "p99-normal-validation".</summary>
    public string ThresholdMethod { get; init; } = "none";

    /// <summary>The error the threshold applies to.</summary>
    public ErrorMetric ErrorMetric { get; init; } = ErrorMetric.L1Sum;

    /// <summary>Normalisation applied to samples before scoring.</summary>
    public Normalisation Normalisation { get; init; } = Normalisation.None;

    /// <summary>Free-form provenance and metrics (training data, protocol, seed, epochs, test metrics, ...), stored as strings.</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; init; } = new Dictionary<string, string>();
}
