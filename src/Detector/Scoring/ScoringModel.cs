using EcgStream.Model;
using EcgStream.Model.Inference;

namespace EcgStream.Detector.Scoring;

/// <summary>The engine the detector scores with and the model metadata that says how: threshold, error metric, normalisation, version.</summary>
/// <param name="Engine">The loaded engine; owned by this object.</param>
/// <param name="Metadata">The model file's metadata.</param>
public sealed record ScoringModel(IInferenceEngine Engine, ModelMetadata Metadata) : IDisposable
{
    /// <summary>Samples per beat the model expects.</summary>
    public int SamplesPerBeat => Engine.Shape.SequenceLength * Engine.Shape.Features;

    /// <summary>Disposes the engine.</summary>
    public void Dispose() => Engine.Dispose();
}
