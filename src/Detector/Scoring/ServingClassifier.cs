using EcgStream.Model.Classification;

namespace EcgStream.Detector.Scoring;

/// <summary>The beat classifier the detector types beats with (CPU) and its file's metadata: normalisation, class names, version.</summary>
/// <param name="Classifier">The loaded classifier; owned by this object.</param>
/// <param name="Metadata">The classifier file's metadata.</param>
/// <param name="Path">The file it was loaded from (after relative paths were resolved).</param>
public sealed record ServingClassifier(BeatClassifier Classifier, ClassifierMetadata Metadata, string Path) : IDisposable
{
    // 1 once disposed: the scoring model that owns this may be disposed twice (host container and ActiveModel).
    private int _disposed;

    /// <summary>The classifier's version, as events carry it.</summary>
    public string Version => Metadata.ModelVersion;

    /// <summary>Disposes the classifier; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Classifier.Dispose();
    }
}
