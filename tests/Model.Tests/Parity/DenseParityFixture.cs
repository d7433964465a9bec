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
        ParityFixture.CopyStored(_content, prefix, parameters.Tensors());
        return parameters;
    }
}
