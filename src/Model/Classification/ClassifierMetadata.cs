namespace EcgStream.Model.Classification;

/// <summary>What a classifier file says about its model besides the weights: class names, normalisation, provenance.</summary>
public sealed record ClassifierMetadata
{
    /// <summary>Version of the classifier file layout this code writes; files with a newer version are refused.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>ECG5000's classes in index order: class c (1..5) of the data set is index c − 1.</summary>
    public static IReadOnlyList<string> Ecg5000ClassNames { get; } = ["Normal", "R-on-T PVC", "PVC", "SP/EB", "Unclassified"];

    /// <summary>File layout version (see <see cref="CurrentFormatVersion"/>).</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Human-readable model version, e.g. "ecg5000-classifier-seed-conv1d".</summary>
    public string ModelVersion { get; init; } = "untrained";

    /// <summary>Normalisation applied to samples before classifying (the caller applies it; see <see cref="BeatClassifier.Classify"/>).</summary>
    public Normalisation Normalisation { get; init; } = Normalisation.None;

    /// <summary>One name per class, in index order. The default is <see cref="Ecg5000ClassNames"/>.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = Ecg5000ClassNames;

    /// <summary>Free-form provenance and metrics (protocol, balance, seed, epochs, test metrics, ...), stored as strings.</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; init; } = new Dictionary<string, string>();
}
