using EcgStream.Model;
using EcgStream.Model.Inference;

namespace EcgStream.Detector.Scoring;

/// <summary>
/// The engine the detector scores with and the model metadata that says how: threshold, error metric, normalisation,
/// version; and, when one is configured, the classifier that types every beat. They are loaded, swapped and disposed together.
/// </summary>
/// <param name="Engine">The loaded engine; owned by this object.</param>
/// <param name="Metadata">The model file's metadata.</param>
public sealed record ScoringModel(IInferenceEngine Engine, ModelMetadata Metadata) : IDisposable
{
    // 1 once disposed: both the host's container and ActiveModel may dispose the model loaded at start.
    private int _disposed;

    /// <summary>Name of the engine in use (first word of the engine factory's reason, e.g. "cpu-avx2"); empty when unknown.</summary>
    public string EngineName { get; init; } = "";

    /// <summary>Which autoencoder the model file holds; it is named on every anomaly event and on the engine info gauge.</summary>
    public AutoencoderArchitecture Architecture { get; init; }

    /// <summary>The beat classifier, owned by this object; null when the detector runs without one.</summary>
    public ServingClassifier? Classifier { get; init; }

    /// <summary>Samples per beat the model expects.</summary>
    public int SamplesPerBeat => Engine.Shape.SequenceLength * Engine.Shape.Features;

    /// <summary>Disposes the engine and the classifier; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Engine.Dispose();
        Classifier?.Dispose();
    }
}
