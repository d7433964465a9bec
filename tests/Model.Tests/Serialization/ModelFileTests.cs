using System.Buffers.Binary;
using EcgStream.Model.Parameters;
using EcgStream.Model.Serialization;
using EcgStream.Model.Tests.Parity;

namespace EcgStream.Model.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private static readonly AutoencoderShape Shape = new(SequenceLength: 9, Features: 2, EmbeddingSize: 3, HiddenSize: 5);

    private readonly string _folder = Directory.CreateTempSubdirectory("ecg-modelfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static AutoencoderModel Model() => new(AutoencoderParameters.Initialize(Shape, seed: 11), new ModelMetadata
    {
        ModelVersion = "test-1",
        Threshold = 12.5f,
        ThresholdMethod = "p99-normal-validation",
        ErrorMetric = ErrorMetric.MeanSquared,
        Normalisation = new Normalisation(-0.25f, 1.5f),
        Provenance = new Dictionary<string, string> { ["seed"] = "11", ["data"] = "ECG5000_TRAIN" },
    });

    private string SavedModel()
    {
        string path = Path.Combine(_folder, "model.safetensors");
        ModelFile.Save(path, Model());
        return path;
    }

    /// <summary>Saves the model, then rewrites its header with <paramref name="edit"/> (data unchanged).</summary>
    private string WithHeader(Func<string, string> edit)
    {
        byte[] file = File.ReadAllBytes(SavedModel());
        string path = Path.Combine(_folder, "edited.safetensors");
        File.WriteAllBytes(path, RawSafetensors.Build(edit(RawSafetensors.Header(file)), RawSafetensors.Data(file)));
        return path;
    }

    private static ModelFileException LoadFails(string path)
    {
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.Contains(path, error.Message);
        return error;
    }

    [Fact]
    public void ModelFile_SaveThenLoad_RoundTripsParameters()
    {
        var model = Model();

        var loaded = ModelFile.Load(SavedModel());

        Assert.Equal(model.Shape, loaded.Shape);
        foreach (var (expected, actual) in model.Parameters.Tensors().Zip(loaded.Parameters.Tensors())) Assert.Equal(expected.Data, actual.Data);
    }

    [Fact]
    public void ModelFile_SaveThenLoad_RoundTripsMetadata()
    {
        var expected = Model().Metadata;

        var actual = ModelFile.Load(SavedModel()).Metadata;

        Assert.Equal(expected.ModelVersion, actual.ModelVersion);
        Assert.Equal(expected.Threshold, actual.Threshold);
        Assert.Equal(expected.ThresholdMethod, actual.ThresholdMethod);
        Assert.Equal(expected.ErrorMetric, actual.ErrorMetric);
        Assert.Equal(expected.Normalisation, actual.Normalisation);
        Assert.Equal(expected.Provenance.OrderBy(e => e.Key), actual.Provenance.OrderBy(e => e.Key));
    }

    [Fact]
    public void ModelFile_Save_ReplacesExistingFileAndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(_folder, "model.safetensors");
        File.WriteAllText(path, "old contents");

        ModelFile.Save(path, Model());

        Assert.Equal(["model.safetensors"], Directory.GetFiles(_folder).Select(Path.GetFileName));
        Assert.Equal("test-1", ModelFile.Load(path).Metadata.ModelVersion);
    }

    [Fact]
    public void ModelFile_Save_WritesSafetensorsHeaderWithStateDictNames()
    {
        byte[] file = File.ReadAllBytes(SavedModel());

        string header = RawSafetensors.Header(file);

        Assert.Equal(0, (8 + header.Length) % 8);
        Assert.Contains("\"encoder.rnn1.weight_ih_l0\":{\"dtype\":\"F32\",\"shape\":[20,2],\"data_offsets\":[0,160]}", header);
        Assert.Contains("\"decoder.output_layer.bias\"", header);
    }

    [Fact]
    public void ModelFile_Load_ReadsPlainPyTorchStateDict_WithDefaultMetadata()
    {
        var fixture = ParityFixture.Load("medium");

        var model = ModelFile.Load(ParityFixture.PathOf("medium.state_dict.safetensors"));

        Assert.Equal(fixture.Shape with { SequenceLength = AutoencoderShape.Ecg5000.SequenceLength }, model.Shape);
        Assert.Equal(float.PositiveInfinity, model.Metadata.Threshold);
        foreach (var (expected, actual) in fixture.Parameters().Tensors().Zip(model.Parameters.Tensors())) Assert.Equal(expected.Data, actual.Data);
    }

    [Fact]
    public void ModelFile_Load_ReadsFileWrittenBackByPyTorch()
    {
        // tests/Parity/pytorch_roundtrip.safetensors: this test's Model() saved by ModelFile.Save, loaded into the
        // PyTorch module with load_state_dict(strict=True) and written back by scripts/roundtrip_pytorch.py.
        var expected = Model();

        var loaded = ModelFile.Load(ParityFixture.PathOf("pytorch_roundtrip.safetensors"));

        Assert.Equal(expected.Shape, loaded.Shape);
        Assert.Equal(expected.Metadata.Threshold, loaded.Metadata.Threshold);
        Assert.Equal("pytorch", loaded.Metadata.Provenance["roundtrip"]);
        foreach (var (e, a) in expected.Parameters.Tensors().Zip(loaded.Parameters.Tensors())) Assert.Equal(e.Data, a.Data);
    }

    [Fact]
    public void ModelFile_Load_Fails_WhenFileIsMissing()
    {
        string path = Path.Combine(_folder, "absent.safetensors");

        var error = LoadFails(path);

        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public void ModelFile_Load_Fails_WhenFileIsTruncated()
    {
        string path = SavedModel();
        byte[] file = File.ReadAllBytes(path);
        File.WriteAllBytes(path, file[..^10]);

        var error = LoadFails(path);

        Assert.Contains("decoder.output_layer", error.Message);
    }

    [Fact]
    public void ModelFile_Load_Fails_WhenHeaderIsCutOff()
    {
        string path = SavedModel();
        byte[] file = File.ReadAllBytes(path);
        File.WriteAllBytes(path, file[..40]);

        var error = LoadFails(path);

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void ModelFile_Load_Fails_WhenFileIsNotSafetensors()
    {
        string path = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(path, "this is a text file, not a model");

        var error = LoadFails(path);

        Assert.Contains("not a safetensors file", error.Message);
    }

    [Fact]
    public void ModelFile_Load_Fails_WhenHeaderIsNotJson()
    {
        string path = WithHeader(header => "{not json" + header[9..]);

        var error = LoadFails(path);

        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void ModelFile_Load_NamesTensor_WhenShapeIsWrong()
    {
        // decoder.rnn2.bias_hh_l0 is [20]; claim [4, 5]: same byte count, so only the shape check can catch it.
        string path = WithHeader(header => header.Replace("\"decoder.rnn2.bias_hh_l0\":{\"dtype\":\"F32\",\"shape\":[20]", "\"decoder.rnn2.bias_hh_l0\":{\"dtype\":\"F32\",\"shape\":[4,5]"));

        var error = LoadFails(path);

        Assert.Contains("decoder.rnn2.bias_hh_l0", error.Message);
        Assert.Contains("shape [4, 5], expected [20]", error.Message);
    }

    [Fact]
    public void ModelFile_Load_NamesTensor_WhenTensorIsMissing()
    {
        string path = WithHeader(header => header.Replace("\"decoder.output_layer.bias\"", "\"decoder.output_layer.extra\""));

        var error = LoadFails(path);

        Assert.Contains("decoder.output_layer.bias: missing", error.Message);
    }

    [Fact]
    public void ModelFile_Load_NamesTensor_WhenDtypeIsNotF32()
    {
        // decoder.output_layer.bias is [2] F32 = 8 bytes = [4] F16: a well-formed file with the wrong dtype.
        string path = WithHeader(header => header.Replace("\"decoder.output_layer.bias\":{\"dtype\":\"F32\",\"shape\":[2]", "\"decoder.output_layer.bias\":{\"dtype\":\"F16\",\"shape\":[4]"));

        var error = LoadFails(path);

        Assert.Contains("decoder.output_layer.bias: dtype F16, expected F32", error.Message);
    }

    [Fact]
    public void ModelFile_Load_NamesTensor_WhenValueIsNaN()
    {
        var model = Model();
        model.Parameters.Decoder1.WeightHh[7] = float.NaN;
        string path = Path.Combine(_folder, "nan.safetensors");
        ModelFile.Save(path, model);

        var error = LoadFails(path);

        Assert.Contains("decoder.rnn1.weight_hh_l0", error.Message);
        Assert.Contains("index 7", error.Message);
    }

    [Fact]
    public void ModelFile_Load_Fails_WhenFormatVersionIsNewer()
    {
        string path = WithHeader(header => header.Replace("\"format_version\":\"1\"", "\"format_version\":\"2\""));

        var error = LoadFails(path);

        Assert.Contains("format_version 2 is newer", error.Message);
    }

    [Fact]
    public void ModelFile_Load_NamesTensor_WhenTensorIsUnexpected()
    {
        var model = Model();
        var tensors = model.Parameters.Tensors().Append(new NamedTensor("decoder.rnn3.weight_ih_l0", [1], [0f])).ToList();
        string path = Path.Combine(_folder, "extra.safetensors");
        using (var stream = File.Create(path)) SafetensorsWriter.Write(stream, tensors, new Dictionary<string, string>());

        var error = LoadFails(path);

        Assert.Contains("decoder.rnn3.weight_ih_l0: unexpected tensor", error.Message);
    }

    [Fact]
    public void ModelFile_Load_NamesKey_WhenMetadataValueIsNotANumber()
    {
        string path = WithHeader(header => header.Replace("\"threshold\":\"12.5\"", "\"threshold\":\"high\""));

        var error = LoadFails(path);

        Assert.Contains("metadata threshold \"high\" is not a number", error.Message);
    }

    [Fact]
    public void ModelFile_Load_NamesTensor_WhenDataOffsetsOverlap()
    {
        string path = WithHeader(header => header.Replace("\"data_offsets\":[160,560]", "\"data_offsets\":[156,556]"));

        var error = LoadFails(path);

        Assert.Contains("encoder.rnn1.weight_hh_l0", error.Message);
    }

    [Fact]
    public void SafetensorsReader_Fails_WhenHeaderLengthExceedsFile()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);

        var error = Assert.Throws<ModelFileException>(() => SafetensorsReader.Parse("huge.safetensors", bytes));

        Assert.Contains("huge.safetensors", error.Message);
    }
}
