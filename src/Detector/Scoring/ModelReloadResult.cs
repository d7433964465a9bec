namespace EcgStream.Detector.Scoring;

/// <summary>What a model reload did, as POST /admin/reload returns it. A reload reads the model and the classifier (when one
/// is configured) and takes both or neither: a bad classifier file refuses the reload as a bad model file does.</summary>
/// <param name="Accepted">True when the files were loaded and checked, and score from the next batch on.</param>
/// <param name="ModelPath">The model file that was read.</param>
/// <param name="ModelVersion">Version of the file's model; null when it could not be read.</param>
/// <param name="ServingVersion">Version of the model serving when the reload finished (the old one until the next batch).</param>
/// <param name="Reason">Why the files were refused (naming the file at fault); null when accepted.</param>
public sealed record ModelReloadResult(bool Accepted, string ModelPath, string? ModelVersion, string ServingVersion, string? Reason)
{
    /// <summary>The classifier file that was read; null when the detector runs without a classifier.</summary>
    public string? ClassifierPath { get; init; }

    /// <summary>Version of the file's classifier; null when it could not be read or there is none.</summary>
    public string? ClassifierVersion { get; init; }

    /// <summary>Version of the classifier serving when the reload finished; null when there is none.</summary>
    public string? ServingClassifierVersion { get; init; }
}
