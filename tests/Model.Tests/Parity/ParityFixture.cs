using EcgStream.Model;
using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;
using EcgStream.Model.Serialization;
using EcgStream.Model.Tests.Kernels;

namespace EcgStream.Model.Tests.Parity;

/// <summary>One PyTorch fixture from tests/Parity (written by scripts/make_parity_fixtures.py); see tests/Parity/README.md.</summary>
internal sealed class ParityFixture
{
    private readonly SafetensorsContent _content;

    private ParityFixture(string name)
    {
        Name = name;
        _content = SafetensorsReader.Read(PathOf(name + ".safetensors"));
        var m = _content.Metadata;
        Shape = new AutoencoderShape(int.Parse(m["sequence_length"]), int.Parse(m["features"]), int.Parse(m["embedding_size"]), int.Parse(m["hidden_size"]));
        Batch = int.Parse(m["batch"]);
    }

    /// <summary>Fixture names: a small odd-sized model, a medium one, and the real ECG5000 model.</summary>
    public static TheoryData<string> All => ["small", "medium", "ecg5000"];

    /// <summary>The fixtures that also hold MSE gradients, clipping, training and Adam results.</summary>
    public static TheoryData<string> Complete => ["small", "medium"];

    /// <summary><see cref="All"/> at every kernel width.</summary>
    public static TheoryData<string, KernelWidth> AllAtEveryWidth => KernelWidths.AtEveryWidth(All);

    /// <summary><see cref="Complete"/> at every kernel width.</summary>
    public static TheoryData<string, KernelWidth> CompleteAtEveryWidth => KernelWidths.AtEveryWidth(Complete);

    public string Name { get; }

    public AutoencoderShape Shape { get; }

    public int Batch { get; }

    public IReadOnlyDictionary<string, string> Metadata => _content.Metadata;

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Parity", file);

    public static ParityFixture Load(string name) => new(name);

    public float[] Tensor(string name) => _content.Tensors[name].ToSingles();

    /// <summary>Parameters stored under "<paramref name="prefix"/>.&lt;state_dict name&gt;"; "param" rebuilds I8 codes as float32(q)·scale.</summary>
    public AutoencoderParameters Parameters(string prefix = "param")
    {
        var parameters = new AutoencoderParameters(Shape);
        CopyStored(_content, prefix, parameters.Tensors());
        return parameters;
    }

    /// <summary>
    /// Fills <paramref name="tensors"/> from the fixture tensors stored under "<paramref name="prefix"/>.&lt;state_dict name&gt;",
    /// asserting each shape; "param" in a file that holds param_scale rebuilds I8 codes as float32(q)·scale. Both autoencoders'
    /// and the classifier's fixtures are written this way (scripts/make_parity_fixtures.py, scripts/make_dense_parity_fixtures.py,
    /// scripts/make_classifier_parity_fixtures.py).
    /// </summary>
    public static void CopyStored(SafetensorsContent content, string prefix, IReadOnlyList<NamedTensor> tensors)
    {
        float[]? scales = prefix == "param" && content.Tensors.TryGetValue("param_scale", out var scale) ? scale.ToSingles() : null;
        for (int i = 0; i < tensors.Count; i++)
        {
            var stored = content.Tensors[prefix + "." + tensors[i].Name];
            Assert.Equal(tensors[i].Shape.Select(d => (long)d), stored.Shape);
            if (scales is null)
            {
                stored.ToSingles().CopyTo(tensors[i].Data, 0);
                continue;
            }
            var codes = stored.Bytes.Span;
            for (int j = 0; j < codes.Length; j++) tensors[i].Data[j] = (sbyte)codes[j] * scales[i];
        }
    }

    /// <summary>‖actual − expected‖ / ‖expected‖, in double.</summary>
    public static double RelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double difference = 0, reference = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = (double)actual[i] - expected[i];
            difference += d * d;
            reference += (double)expected[i] * expected[i];
        }
        return Math.Sqrt(difference) / Math.Sqrt(reference);
    }

    /// <summary>Asserts every tensor of <paramref name="actual"/> is within <paramref name="tolerance"/> relative error of <paramref name="expected"/>'s,
    /// naming the first that is not; <paramref name="expected"/> and <paramref name="actual"/> are the tensors of one parameter type, in one order.</summary>
    public static void AssertClose(IReadOnlyList<NamedTensor> expected, IReadOnlyList<NamedTensor> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            double error = RelativeError(actual[i].Data, expected[i].Data);
            Assert.True(error <= tolerance, $"{expected[i].Name}: relative error {error:E2} > {tolerance:E0}");
        }
    }
}
