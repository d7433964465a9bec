namespace EcgStream.Model.Parameters;

/// <summary>
/// Every parameter of the dense autoencoder, named as PyTorch's nn.Sequential names them:
/// <code>
/// encoder = nn.Sequential(Linear(140, 64), ReLU(), Linear(64, 32), ReLU(), Linear(32, 16))
/// decoder = nn.Sequential(Linear(16, 32), ReLU(), Linear(32, 64), ReLU(), Linear(64, 140))
/// </code>
/// so the state_dict keys are, in order: encoder.0.weight [64, 140], encoder.0.bias [64], encoder.2.weight [32, 64],
/// encoder.2.bias [32], encoder.4.weight [16, 32], encoder.4.bias [16], decoder.0.weight [32, 16], decoder.0.bias [32],
/// decoder.2.weight [64, 32], decoder.2.bias [64], decoder.4.weight [140, 64], decoder.4.bias [140]
/// (indices 1 and 3 are the parameterless ReLUs). The forward pass is ReLU between the layers, including after the
/// bottleneck encoder.4, and a linear output (scripts/dense_autoencoder.py is the PyTorch twin).
/// The same type holds gradients and Adam moments: one array per parameter, same shapes.
/// </summary>
public sealed class DenseAutoencoderParameters
{
    /// <summary>ECG5000's sizes: 140 → 64 → 32 → 16 → 32 → 64 → 140.</summary>
    public static IReadOnlyList<int> Ecg5000Sizes { get; } = [140, 64, 32, 16];

    /// <summary>Creates zeroed parameters for input size sizes[0] and encoder widths sizes[1..] (the decoder mirrors them).</summary>
    /// <param name="sizes">Beat length, then each encoder layer's width; the last is the bottleneck. At least two values, all positive.</param>
    public DenseAutoencoderParameters(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count < 2) throw new ArgumentException("Need the beat length and at least one encoder width.", nameof(sizes));
        foreach (int size in sizes) ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(sizes));
        Sizes = [.. sizes];
        int depth = sizes.Count - 1;
        var layers = new LinearParameters[2 * depth];
        for (int i = 0; i < depth; i++)
        {
            layers[i] = new LinearParameters(sizes[i], sizes[i + 1]);
            layers[depth + i] = new LinearParameters(sizes[depth - i], sizes[depth - i - 1]);
        }
        Layers = layers;
    }

    /// <summary>Beat length, then the encoder widths (the decoder mirrors them).</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>Floats in one beat: the input and output size.</summary>
    public int BeatLength => Sizes[0];

    /// <summary>Width of the bottleneck (the last encoder layer).</summary>
    public int BottleneckSize => Sizes[^1];

    /// <summary>The linear layers in forward order: the encoder's, then the decoder's.</summary>
    public IReadOnlyList<LinearParameters> Layers { get; }

    /// <summary>"140-64-32-16": the sizes, for metadata and logs.</summary>
    public string SizesText => string.Join('-', Sizes);

    /// <summary>Every tensor under its state_dict name, in the order PyTorch's state_dict lists them.</summary>
    public IReadOnlyList<NamedTensor> Tensors()
    {
        var list = new List<NamedTensor>(2 * Layers.Count);
        int depth = Layers.Count / 2;
        for (int i = 0; i < Layers.Count; i++)
        {
            // nn.Sequential numbers every module; the ReLUs between take the odd indices.
            string name = (i < depth ? "encoder." : "decoder.") + 2 * (i % depth);
            var layer = Layers[i];
            list.Add(new NamedTensor(name + ".weight", [layer.OutputSize, layer.InputSize], layer.Weight));
            list.Add(new NamedTensor(name + ".bias", [layer.OutputSize], layer.Bias));
        }
        return list;
    }

    /// <summary>Total number of scalar parameters.</summary>
    public long Count => Tensors().Sum(t => (long)t.Data.Length);

    /// <summary>
    /// PyTorch's default nn.Linear initialisation: weight and bias uniform in [−k, k], k = 1/√in_features.
    /// Deterministic for a seed (not PyTorch's RNG stream).
    /// </summary>
    public static DenseAutoencoderParameters Initialize(IReadOnlyList<int> sizes, int seed)
    {
        var p = new DenseAutoencoderParameters(sizes);
        var random = new Random(seed);
        foreach (var layer in p.Layers)
        {
            float k = 1f / MathF.Sqrt(layer.InputSize);
            Fill(layer.Weight, k, random);
            Fill(layer.Bias, k, random);
        }
        return p;
    }

    /// <summary>A deep copy: same sizes, same values, new arrays.</summary>
    public DenseAutoencoderParameters Clone()
    {
        var copy = new DenseAutoencoderParameters(Sizes);
        var from = Tensors();
        var to = copy.Tensors();
        for (int i = 0; i < from.Count; i++) from[i].Data.AsSpan().CopyTo(to[i].Data);
        return copy;
    }

    private static void Fill(float[] values, float k, Random random)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * k);
    }
}
