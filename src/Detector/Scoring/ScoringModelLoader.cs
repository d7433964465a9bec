using EcgStream.Model.Inference;
using EcgStream.Model.Serialization;

namespace EcgStream.Detector.Scoring;

/// <summary>The one place the detector turns <see cref="EngineOptions"/> into a loaded model and engine.</summary>
public static class ScoringModelLoader
{
    /// <summary>
    /// Loads the model file and creates its engine. Throws <see cref="ModelFileException"/> for a missing or invalid
    /// file and <see cref="ArgumentException"/> for an unknown device; <paramref name="reason"/> says which engine was chosen and why.
    /// </summary>
    public static ScoringModel Load(EngineOptions options, out string reason)
    {
        var device = InferenceEngineFactory.ParseDevice(options.Device);
        var model = ModelFile.Load(options.ModelPath);
        var (engine, why) = InferenceEngineFactory.Create(device, model.Parameters, options.Threads);
        reason = why;
        return new ScoringModel(engine, model.Metadata) { EngineName = why.Split(' ')[0] };
    }
}
