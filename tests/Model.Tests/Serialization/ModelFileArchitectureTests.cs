using EcgStream.Model.Parameters;
using EcgStream.Model.Serialization;

namespace EcgStream.Model.Tests.Serialization;

/// <summary>The metadata key "architecture": lstm-ae, dense-ae, absent (lstm-ae) and unknown values.</summary>
public sealed class ModelFileArchitectureTests : IDisposable
{
    private static readonly int[] Sizes = [11, 6, 4, 2];

    private readonly string _folder = Directory.CreateTempSubdirectory("ecg-modelfile-arch-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static DenseAutoencoderModel DenseModel() => new(DenseAutoencoderParameters.Initialize(Sizes, seed: 5), new ModelMetadata
    {
        ModelVersion = "dense-test-1",
        Threshold = 0.75f,
        ThresholdMethod = "max-f1-validation",
        ErrorMetric = ErrorMetric.MeanSquared,
        Normalisation = new Normalisation(0.5f, 2f),
    });

    private static AutoencoderModel LstmModel() =>
        new(AutoencoderParameters.Initialize(new AutoencoderShape(6, 1, 2, 3), seed: 6), new ModelMetadata());

    private string Saved(DenseAutoencoderModel model, string name = "dense.safetensors")
    {
        string path = Path.Combine(_folder, name);
        ModelFile.Save(path, model);
        return path;
    }

    /// <summary>Saves <paramref name="model"/>, then rewrites its header with <paramref name="edit"/> (data unchanged).</summary>
    private string WithHeader(DenseAutoencoderModel model, Func<string, string> edit)
    {
        byte[] file = File.ReadAllBytes(Saved(model));
        string path = Path.Combine(_folder, "edited.safetensors");
        File.WriteAllBytes(path, RawSafetensors.Build(edit(RawSafetensors.Header(file)), RawSafetensors.Data(file)));
        return path;
    }

    [Fact]
    public void ModelFile_SaveThenLoadAny_RoundTripsDenseModel()
    {
        var model = DenseModel();

        var loaded = Assert.IsType<DenseAutoencoderModel>(ModelFile.LoadAny(Saved(model)));

        Assert.Equal(AutoencoderArchitecture.DenseAe, loaded.Architecture);
        Assert.Equal(Sizes, loaded.Parameters.Sizes);
        foreach (var (expected, actual) in model.Parameters.Tensors().Zip(loaded.Parameters.Tensors())) Assert.Equal(expected.Data, actual.Data);
        Assert.Equal(model.Metadata.Threshold, loaded.Metadata.Threshold);
        Assert.Equal(model.Metadata.Normalisation, loaded.Metadata.Normalisation);
        Assert.Equal(model.Metadata.ErrorMetric, loaded.Metadata.ErrorMetric);
    }

    [Fact]
    public void ModelFile_Save_WritesArchitecture_ForBothModels()
    {
        string lstm = Path.Combine(_folder, "lstm.safetensors");
        ModelFile.Save(lstm, LstmModel());

        string dense = Saved(DenseModel());

        Assert.Contains("\"architecture\":\"lstm-ae\"", RawSafetensors.Header(File.ReadAllBytes(lstm)));
        Assert.Contains("\"architecture\":\"dense-ae\"", RawSafetensors.Header(File.ReadAllBytes(dense)));
        Assert.Contains("\"layer_sizes\":\"11-6-4-2\"", RawSafetensors.Header(File.ReadAllBytes(dense)));
    }

    [Fact]
    public void ModelFile_LoadAny_ReadsLstm_WhenArchitectureIsAbsent()
    {
        // The plain PyTorch state_dict fixture has no metadata of ours, as every file written before dense-ae.
        string path = Parity.ParityFixture.PathOf("small.state_dict.safetensors");

        var loaded = ModelFile.LoadAny(path);

        Assert.Equal(AutoencoderArchitecture.LstmAe, Assert.IsType<AutoencoderModel>(loaded).Architecture);
    }

    [Fact]
    public void ModelFile_LoadAny_NamesFileAndValue_WhenArchitectureIsUnknown()
    {
        string path = WithHeader(DenseModel(), header => header.Replace("\"architecture\":\"dense-ae\"", "\"architecture\":\"transformer-ae\""));

        var error = Assert.Throws<ModelFileException>(() => ModelFile.LoadAny(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
        Assert.Contains("architecture \"transformer-ae\" is not one of lstm-ae, dense-ae", error.Message);
    }

    [Fact]
    public void ModelFile_Load_NamesFileAndValue_WhenArchitectureIsUnknown()
    {
        string path = WithHeader(DenseModel(), header => header.Replace("\"architecture\":\"dense-ae\"", "\"architecture\":\"Dense-AE\""));

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("\"Dense-AE\"", error.Message);
    }

    [Fact]
    public void ModelFile_Load_RefusesDenseModel_WithLoadAnyHint()
    {
        string path = Saved(DenseModel());

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));

        Assert.Contains("dense-ae", error.Message);
        Assert.Contains("LoadAny", error.Message);
    }

    [Fact]
    public void ModelFile_LoadDense_NamesKey_WhenLayerSizesAreNotNumbers()
    {
        string path = WithHeader(DenseModel(), header => header.Replace("\"layer_sizes\":\"11-6-4-2\"", "\"layer_sizes\":\"11-six-4-2\""));

        var error = Assert.Throws<ModelFileException>(() => ModelFile.LoadDense(path));

        Assert.Contains("layer_sizes \"11-six-4-2\"", error.Message);
    }

    [Fact]
    public void ModelFile_LoadDense_NamesTensor_WhenShapeDoesNotMatchLayerSizes()
    {
        string path = WithHeader(DenseModel(), header => header.Replace("\"layer_sizes\":\"11-6-4-2\"", "\"layer_sizes\":\"11-6-4-3\""));

        var error = Assert.Throws<ModelFileException>(() => ModelFile.LoadDense(path));

        Assert.Contains("encoder.4.weight", error.Message);
    }
}
