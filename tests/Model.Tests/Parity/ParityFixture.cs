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

    public bool Has(string name) => _content.Tensors.ContainsKey(name);

    /// <summary>Parameters stored under "<paramref name="prefix"/>.&lt;state_dict name&gt;"; "param" rebuilds I8 codes as float32(q)·scale.</summary>
    public AutoencoderParameters Parameters(string prefix = "param")
    {
        var parameters = new AutoencoderParameters(Shape);
        var tensors = parameters.Tensors();
        float[]? scales = Has("param_scale") && prefix == "param" ? Tensor("param_scale") : null;
        for (int i = 0; i < tensors.Count; i++)
        {
            var stored = _content.Tensors[prefix + "." + tensors[i].Name];
            if (scales is null)
            {
                stored.ToSingles().CopyTo(tensors[i].Data, 0);
                continue;
            }
            var codes = stored.Bytes.Span;
            for (int j = 0; j < codes.Length; j++) tensors[i].Data[j] = (sbyte)codes[j] * scales[i];
        }
        return parameters;
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

    /// <summary>Asserts every tensor of <paramref name="actual"/> is within <paramref name="tolerance"/> relative error of the fixture's.</summary>
    public static void AssertClose(AutoencoderParameters expected, AutoencoderParameters actual, double tolerance)
    {
        var e = expected.Tensors();
        var a = actual.Tensors();
        for (int i = 0; i < e.Count; i++)
        {
            double error = RelativeError(a[i].Data, e[i].Data);
            Assert.True(error <= tolerance, $"{e[i].Name}: relative error {error:E2} > {tolerance:E0}");
        }
    }
}
