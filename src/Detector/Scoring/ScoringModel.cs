using EcgStream.Model;
using EcgStream.Model.Inference;

namespace EcgStream.Detector.Scoring;

/// <summary>The engine the detector scores with and the model metadata that says how: threshold, error metric, normalisation, version.</summary>
/// <param name="Engine">The loaded engine; owned by this object.</param>
/// <param name="Metadata">The model file's metadata.</param>
public sealed record ScoringModel(IInferenceEngine Engine, ModelMetadata Metadata) : IDisposable
{
    // 1 once disposed: both the host's container and ActiveModel may dispose the model loaded at start.
    private int _disposed;

    /// <summary>Name of the engine in use (first word of the engine factory's reason, e.g. "cpu-avx2"); empty when unknown.</summary>
    public string EngineName { get; init; } = "";

    /// <summary>Samples per beat the model expects.</summary>
    public int SamplesPerBeat => Engine.Shape.SequenceLength * Engine.Shape.Features;

    /// <summary>Disposes the engine; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Engine.Dispose();
    }
}
