using EcgStream.Detector.Scoring;
using EcgStream.Model;
using EcgStream.Model.Parameters;
using EcgStream.Model.Serialization;

namespace EcgStream.Detector.Tests.Scoring;

/// <summary>The detector serves a dense autoencoder from its model file alone, as it serves the LSTM autoencoder.</summary>
public sealed class DenseModelLoadingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ecgstream-dense-").FullName;

    [Fact]
    public void ScoringModelLoader_ServesADenseAutoencoder_WhenTheModelFileSaysDenseAe()
    {
        string path = Path.Combine(_folder, "dense.safetensors");
        var parameters = DenseAutoencoderParameters.Initialize(DenseAutoencoderParameters.Ecg5000Sizes, seed: 3);
        ModelFile.Save(path, new DenseAutoencoderModel(parameters, new ModelMetadata { ModelVersion = "dense-v1", Threshold = 10f }));
        var beat = Enumerable.Range(0, 140).Select(i => MathF.Sin(i / 10f)).ToArray();
        var errors = new float[1];

        using var model = ScoringModelLoader.Load(new EngineOptions { ModelPath = path, ClassifierPath = "", Device = "cpu", Threads = 1 }, out string reason);
        model.Engine.Score(beat, 1, ErrorMetric.L1Sum, errors);

        Assert.Equal("dense-v1", model.Metadata.ModelVersion);
        Assert.Equal(AutoencoderArchitecture.DenseAe, model.Architecture);
        Assert.Equal(140, model.SamplesPerBeat);
        Assert.StartsWith("cpu", reason);
        Assert.True(float.IsFinite(errors[0]) && errors[0] > 0, $"error {errors[0]}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
