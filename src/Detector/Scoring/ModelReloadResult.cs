namespace EcgStream.Detector.Scoring;

/// <summary>What a model reload did, as POST /admin/reload returns it.</summary>
/// <param name="Accepted">True when the file was loaded and checked, and scores from the next batch on.</param>
/// <param name="ModelPath">The file that was read.</param>
/// <param name="ModelVersion">Version of the file's model; null when it could not be read.</param>
/// <param name="ServingVersion">Version of the model serving when the reload finished (the old one until the next batch).</param>
/// <param name="Reason">Why the file was refused; null when accepted.</param>
public sealed record ModelReloadResult(bool Accepted, string ModelPath, string? ModelVersion, string ServingVersion, string? Reason);
