using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;
using EcgStream.Model.Serialization;
using EcgStream.Model.Tests.Kernels;

namespace EcgStream.Model.Tests.Parity;

/// <summary>One dense-autoencoder PyTorch fixture from tests/Parity (scripts/make_dense_parity_fixtures.py); see tests/Parity/README.md.</summary>
internal sealed class DenseParityFixture
{
    private readonly SafetensorsContent _content;

    private DenseParityFixture(string name)
    {
        _content = SafetensorsReader.Read(ParityFixture.PathOf(name + ".safetensors"));
        Sizes = [.. _content.Metadata["layer_sizes"].Split('-').Select(int.Parse)];
        Batch = int.Parse(_content.Metadata["batch"]);
    }

    /// <summary>Fixture names: a small odd-sized model, and the real ECG5000 sizes (140 → 64 → 32 → 16).</summary>
    public static TheoryData<string> All => ["dense_small", "dense_ecg5000"];

    /// <summary>The fixtures that also hold MSE gradients.</summary>
    public static TheoryData<string> WithMseGradients => ["dense_small"];

    /// <summary><see cref="All"/> at every kernel width.</summary>
    public static TheoryData<string, KernelWidth> AllAtEveryWidth => KernelWidths.AtEveryWidth(All);

    /// <summary><see cref="WithMseGradients"/> at every kernel width.</summary>
    public static TheoryData<string, KernelWidth> WithMseGradientsAtEveryWidth => KernelWidths.AtEveryWidth(WithMseGradients);

    public int[] Sizes { get; }

    public int Batch { get; }

    public int BeatLength => Sizes[0];

    public static DenseParityFixture Load(string name) => new(name);

    public float[] Tensor(string name) => _content.Tensors[name].ToSingles();

    /// <summary>Parameters stored under "<paramref name="prefix"/>.&lt;state_dict name&gt;"; "param" rebuilds I8 codes as float32(q)·scale.</summary>
    public DenseAutoencoderParameters Parameters(string prefix = "param")
    {
        var parameters = new DenseAutoencoderParameters(Sizes);
        var tensors = parameters.Tensors();
        float[]? scales = _content.Tensors.ContainsKey("param_scale") && prefix == "param" ? Tensor("param_scale") : null;
        for (int i = 0; i < tensors.Count; i++)
        {
            var stored = _content.Tensors[prefix + "." + tensors[i].Name];
            Assert.Equal(tensors[i].Shape.Select(d => (long)d), stored.Shape.Select(d => (long)d));
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

    /// <summary>Asserts every tensor of <paramref name="actual"/> is within <paramref name="tolerance"/> relative error of <paramref name="expected"/>'s.</summary>
    public static void AssertClose(DenseAutoencoderParameters expected, DenseAutoencoderParameters actual, double tolerance)
    {
        var e = expected.Tensors();
        var a = actual.Tensors();
        for (int i = 0; i < e.Count; i++)
        {
            double error = ParityFixture.RelativeError(a[i].Data, e[i].Data);
            Assert.True(error <= tolerance, $"{e[i].Name}: relative error {error:E2} > {tolerance:E0}");
        }
    }
}
