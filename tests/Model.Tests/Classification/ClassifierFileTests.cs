using EcgStream.Model.Classification;
using EcgStream.Model.Parameters;
using EcgStream.Model.Serialization;
using EcgStream.Model.Tests.Serialization;

namespace EcgStream.Model.Tests.Classification;

public sealed class ClassifierFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ecg-classifierfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ClassifierModel Model(ClassifierArchitecture architecture) => new(ClassifierTestData.Parameters(architecture, seed: 21), new ClassifierMetadata
    {
        ModelVersion = "ecg5000-classifier-test",
        Normalisation = new Normalisation(-0.25f, 1.5f),
        Provenance = new Dictionary<string, string> { ["protocol"] = "ucr", ["balance"] = "smote" },
    });

    [Theory]
    [MemberData(nameof(ClassifierTestData.Architectures), MemberType = typeof(ClassifierTestData))]
    public void ClassifierFile_Load_GivesBackWhatSaveWrote(ClassifierArchitecture architecture)
    {
        string path = Path.Combine(_folder, "classifier.safetensors");
        var model = Model(architecture);

        ClassifierFile.Save(path, model);
        var loaded = ClassifierFile.Load(path);

        Assert.Equal(architecture, loaded.Parameters.Architecture);
        Assert.Equal(model.Parameters.Tensors().Select(t => t.Name), loaded.Parameters.Tensors().Select(t => t.Name));
        for (int i = 0; i < model.Parameters.Tensors().Count; i++) Assert.Equal(model.Parameters.Tensors()[i].Data, loaded.Parameters.Tensors()[i].Data);
        Assert.Equal(model.Metadata.ModelVersion, loaded.Metadata.ModelVersion);
        Assert.Equal(model.Metadata.Normalisation, loaded.Metadata.Normalisation);
        Assert.Equal(model.Metadata.ClassNames, loaded.Metadata.ClassNames);
        Assert.Equal(model.Metadata.Provenance, loaded.Metadata.Provenance);
    }

    [Fact]
    public void ClassifierFile_Load_NamesTheFile_WhenGivenAnAutoencoderFile()
    {
        string path = Path.Combine(_folder, "autoencoder.safetensors");
        ModelFile.Save(path, new AutoencoderModel(AutoencoderParameters.Initialize(new AutoencoderShape(5, 1, 2, 3), seed: 1), new ModelMetadata()));

        var e = Assert.Throws<ModelFileException>(() => ClassifierFile.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("autoencoder", e.Message);
    }

    [Fact]
    public void ModelFile_Load_NamesTheFile_WhenGivenAClassifierFile()
    {
        string path = Path.Combine(_folder, "classifier.safetensors");
        ClassifierFile.Save(path, Model(ClassifierArchitecture.Conv1d));

        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("classifier", e.Message);
    }

    [Fact]
    public void ClassifierFile_Load_NamesTheFileAndValue_WhenTheArchitectureIsUnknown()
    {
        string saved = Path.Combine(_folder, "classifier.safetensors");
        ClassifierFile.Save(saved, Model(ClassifierArchitecture.Lstm));
        byte[] file = File.ReadAllBytes(saved);
        string path = Path.Combine(_folder, "edited.safetensors");
        string header = RawSafetensors.Header(file).Replace("\"architecture\":\"lstm\"", "\"architecture\":\"transformer\"");
        File.WriteAllBytes(path, RawSafetensors.Build(header, RawSafetensors.Data(file)));

        var e = Assert.Throws<ModelFileException>(() => ClassifierFile.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("transformer", e.Message);
    }

    [Fact]
    public void ClassifierFile_Load_NamesTheTensor_WhenOneIsMissing()
    {
        string path = Path.Combine(_folder, "partial.safetensors");
        var model = Model(ClassifierArchitecture.Conv1d);
        using (var stream = File.Create(path))
        {
            var tensors = model.Parameters.Tensors().Where(t => t.Name != "conv2.bias").ToList();
            SafetensorsWriter.Write(stream, tensors, new Dictionary<string, string> { ["kind"] = "classifier", ["architecture"] = "conv1d" });
        }

        var e = Assert.Throws<ModelFileException>(() => ClassifierFile.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("conv2.bias", e.Message);
    }

    [Theory]
    [MemberData(nameof(ClassifierTestData.Architectures), MemberType = typeof(ClassifierTestData))]
    public void ClassifierFile_Load_FindsTheArchitecture_OfAPlainStateDict(ClassifierArchitecture architecture)
    {
        string path = Path.Combine(_folder, "state_dict.safetensors");
        using (var stream = File.Create(path)) SafetensorsWriter.Write(stream, Model(architecture).Parameters.Tensors(), new Dictionary<string, string>());

        var loaded = ClassifierFile.Load(path);

        Assert.Equal(architecture, loaded.Parameters.Architecture);
    }

    [Fact]
    public void ClassifierFile_Load_ReadsAFileWrittenBackByPyTorch()
    {
        // scripts/check_classifier_pytorch.py loaded `classifier-export --arch conv1d-lstm --seed 21` into the twin with
        // load_state_dict(strict=True) and wrote its state_dict back (tests/Parity/README.md).
        var expected = ClassifierTestData.Parameters(ClassifierArchitecture.Conv1dLstm, seed: 21);

        var loaded = ClassifierFile.Load(Parity.ParityFixture.PathOf("classifier_pytorch_roundtrip.safetensors"));

        Assert.Equal(ClassifierArchitecture.Conv1dLstm, loaded.Parameters.Architecture);
        for (int i = 0; i < expected.Tensors().Count; i++) Assert.Equal(expected.Tensors()[i].Data, loaded.Parameters.Tensors()[i].Data);
        Assert.Equal("pytorch", loaded.Metadata.Provenance["roundtrip"]);
    }

    [Theory]
    [InlineData("conv1d", ClassifierArchitecture.Conv1d)]
    [InlineData("lstm", ClassifierArchitecture.Lstm)]
    [InlineData("conv1d-lstm", ClassifierArchitecture.Conv1dLstm)]
    public void ClassifierArchitectureNames_RoundTrips_EachName(string name, ClassifierArchitecture architecture)
    {
        Assert.True(ClassifierArchitectureNames.TryParse(name, out var parsed));
        Assert.Equal(architecture, parsed);
        Assert.Equal(name, ClassifierArchitectureNames.Name(architecture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Conv1d")]
    [InlineData("cnn")]
    public void ClassifierArchitectureNames_TryParse_Refuses_AnUnknownName(string name)
    {
        Assert.False(ClassifierArchitectureNames.TryParse(name, out _));
    }
}
