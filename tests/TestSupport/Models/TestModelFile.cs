using EcgStream.Model;
using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;
using EcgStream.Model.Serialization;

namespace EcgStream.TestSupport;

/// <summary>
/// A small real model for streaming tests (140 samples, embedding 8, hidden 16, fixed seed) written to a temporary
/// file, with its threshold set to the median score of the given beats so that about half of them are anomalies.
/// </summary>
public sealed class TestModelFile : IDisposable
{
    /// <summary>The model's shape: ECG5000's beat length, small layers so tests run fast on two cores.</summary>
    public static readonly AutoencoderShape Shape = new(140, 1, 8, 16);

    private TestModelFile(string path, float threshold) { Path = path; Threshold = threshold; }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The threshold stored in it.</summary>
    public float Threshold { get; }

    /// <summary>Writes the model; its threshold is the median L1 score of <paramref name="beats"/>.</summary>
    public static TestModelFile Create(IReadOnlyList<float[]> beats)
    {
        var parameters = AutoencoderParameters.Initialize(Shape, seed: 20240601);
        var flat = beats.SelectMany(b => b).ToArray();
        var errors = new float[beats.Count];
        using (var engine = new CpuInferenceEngine(parameters, threads: 1))
            engine.Score(flat, beats.Count, ErrorMetric.L1Sum, errors);
        float threshold = errors.Order().ElementAt(beats.Count / 2);
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ecgstream-test-{Guid.NewGuid():N}.safetensors");
        ModelFile.Save(path, new AutoencoderModel(parameters, new ModelMetadata
        {
            ModelVersion = "test-seed-20240601", Threshold = threshold, ThresholdMethod = "median-of-test-beats", ErrorMetric = ErrorMetric.L1Sum,
        }));
        return new TestModelFile(path, threshold);
    }

    /// <inheritdoc/>
    public void Dispose() => File.Delete(Path);
}
