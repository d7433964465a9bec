using EcgStream.Model.Parameters;

namespace EcgStream.Model.Classification;

/// <summary>
/// Every parameter of a beat classifier, under the state_dict names of its PyTorch twin (scripts/classifier_models.py).
/// The input is one beat of <see cref="SequenceLength"/> samples (one channel); the output is <see cref="ClassCount"/> logits.
/// <code>
/// conv1d       conv1 Conv1d(1→32, k 7, pad 3) ReLU MaxPool(2)   140 → 70
///              conv2 Conv1d(32→64, k 5, pad 2) ReLU MaxPool(2)   70 → 35
///              conv3 Conv1d(64→128, k 3, pad 1) ReLU MaxPool(2)  35 → 17
///              mean over time [128] → Dropout → fc Linear(128→C)
/// lstm         lstm1 LSTM(1→32) → lstm2 LSTM(32→32), h_T [32] → Dropout → fc Linear(32→C)
/// conv1d-lstm  conv1, conv2 as above (140 → 70 → 35, 64 channels) → lstm LSTM(64→64) over the 35 steps, h_T [64]
///              → Dropout → fc Linear(64→C)
/// </code>
/// The same type holds gradients: one array per tensor, same shapes.
/// </summary>
public sealed class ClassifierParameters
{
    /// <summary>Creates zeroed parameters for <paramref name="architecture"/>.</summary>
    /// <param name="architecture">The network.</param>
    /// <param name="sequenceLength">Samples per beat; 140 for ECG5000. Must survive the architecture's pooling (conv1d: at least 8).</param>
    /// <param name="classCount">Classes; 5 for ECG5000.</param>
    public ClassifierParameters(ClassifierArchitecture architecture, int sequenceLength = 140, int classCount = 5)
    {
        if (!Enum.IsDefined(architecture)) throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture.");
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        int convolutions = architecture switch { ClassifierArchitecture.Conv1d => 3, ClassifierArchitecture.Conv1dLstm => 2, _ => 0 };
        int minimumLength = 1 << convolutions;
        if (sequenceLength < minimumLength)
        {
            throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, $"{ClassifierArchitectureNames.Name(architecture)} needs at least {minimumLength} samples.");
        }
        Architecture = architecture;
        SequenceLength = sequenceLength;
        ClassCount = classCount;
        (Conv1dParameters Layer, string Name)[] convs = architecture switch
        {
            ClassifierArchitecture.Conv1d => [(new(1, 32, 7), "conv1"), (new(32, 64, 5), "conv2"), (new(64, 128, 3), "conv3")],
            ClassifierArchitecture.Conv1dLstm => [(new(1, 32, 7), "conv1"), (new(32, 64, 5), "conv2")],
            _ => [],
        };
        (LstmParameters Layer, string Name)[] lstms = architecture switch
        {
            ClassifierArchitecture.Lstm => [(new(1, 32), "lstm1"), (new(32, 32), "lstm2")],
            ClassifierArchitecture.Conv1dLstm => [(new(64, 64), "lstm")],
            _ => [],
        };
        Convolutions = convs.Select(c => c.Layer).ToArray();
        ConvolutionNames = convs.Select(c => c.Name).ToArray();
        Recurrent = lstms.Select(l => l.Layer).ToArray();
        RecurrentNames = lstms.Select(l => l.Name).ToArray();
        int features = Recurrent.Length > 0 ? Recurrent[^1].HiddenSize : Convolutions[^1].OutputChannels;
        Output = new LinearParameters(features, classCount);
        _tensors = BuildTensors();
    }

    // Every tensor in state_dict order, over the live arrays.
    private readonly System.Collections.ObjectModel.ReadOnlyCollection<NamedTensor> _tensors;

    /// <summary>The network.</summary>
    public ClassifierArchitecture Architecture { get; }

    /// <summary>Samples per beat.</summary>
    public int SequenceLength { get; }

    /// <summary>Classes (logits).</summary>
    public int ClassCount { get; }

    /// <summary>Total number of scalar parameters.</summary>
    public long Count => _tensors.Sum(t => (long)t.Data.Length);

    /// <summary>The convolutions in order (each followed by ReLU and MaxPool(2)); empty for lstm.</summary>
    internal Conv1dParameters[] Convolutions { get; }

    /// <summary>state_dict prefixes of <see cref="Convolutions"/>.</summary>
    internal string[] ConvolutionNames { get; }

    /// <summary>The LSTMs in order; the last one is used many-to-one. Empty for conv1d.</summary>
    internal LstmParameters[] Recurrent { get; }

    /// <summary>state_dict prefixes of <see cref="Recurrent"/>.</summary>
    internal string[] RecurrentNames { get; }

    /// <summary>fc: Linear(features → classes), the logits.</summary>
    internal LinearParameters Output { get; }

    /// <summary>'Same' padding of a convolution: k / 2 on each side (the kernels are odd), so the length is kept.</summary>
    internal static int PaddingOf(Conv1dParameters convolution) => convolution.KernelSize / 2;

    /// <summary>Every tensor under its state_dict name, in state_dict order; the arrays are live, not copies.</summary>
    public IReadOnlyList<NamedTensor> Tensors() => _tensors;

    /// <summary>
    /// PyTorch's default initialisation: every value uniform in [−k, k] with k = 1/√(in_channels·kernel_size) (Conv1d weight and bias),
    /// 1/√hidden_size (LSTM), 1/√in_features (Linear). Deterministic for a seed (not PyTorch's random stream).
    /// </summary>
    public void Initialise(int seed)
    {
        var random = new Random(seed);
        foreach (var conv in Convolutions)
        {
            float k = 1f / MathF.Sqrt(conv.InputChannels * conv.KernelSize);
            Fill(conv.Weight, k, random);
            Fill(conv.Bias, k, random);
        }
        foreach (var lstm in Recurrent)
        {
            float k = 1f / MathF.Sqrt(lstm.HiddenSize);
            Fill(lstm.WeightIh, k, random);
            Fill(lstm.WeightHh, k, random);
            Fill(lstm.BiasIh, k, random);
            Fill(lstm.BiasHh, k, random);
        }
        float kl = 1f / MathF.Sqrt(Output.InputSize);
        Fill(Output.Weight, kl, random);
        Fill(Output.Bias, kl, random);
    }

    /// <summary>
    /// Adds <paramref name="offsets"/> (one per class) to the output layer's bias: every logit moves by its class's offset,
    /// which moves the decision boundaries between classes without changing anything else the network computes.
    /// </summary>
    public void AddToOutputBias(ReadOnlySpan<double> offsets)
    {
        if (offsets.Length != ClassCount) throw new ArgumentException($"Expected {ClassCount} offsets, got {offsets.Length}.", nameof(offsets));
        for (int c = 0; c < ClassCount; c++) Output.Bias[c] += (float)offsets[c];
    }

    /// <summary>A deep copy: same architecture and sizes, same values, new arrays.</summary>
    public ClassifierParameters Clone()
    {
        var copy = new ClassifierParameters(Architecture, SequenceLength, ClassCount);
        CopyTo(copy);
        return copy;
    }

    /// <summary>Copies every value into <paramref name="destination"/>, which must have the same architecture and sizes.</summary>
    public void CopyTo(ClassifierParameters destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!SameShape(destination)) throw new ArgumentException("Architectures or sizes differ.", nameof(destination));
        var to = destination.Tensors();
        for (int i = 0; i < _tensors.Count; i++) _tensors[i].Data.AsSpan().CopyTo(to[i].Data);
    }

    /// <summary>Whether <paramref name="other"/> has the same architecture, sequence length and class count.</summary>
    public bool SameShape(ClassifierParameters other) =>
        other is not null && other.Architecture == Architecture && other.SequenceLength == SequenceLength && other.ClassCount == ClassCount;

    private System.Collections.ObjectModel.ReadOnlyCollection<NamedTensor> BuildTensors()
    {
        var list = new List<NamedTensor>();
        for (int i = 0; i < Convolutions.Length; i++)
        {
            var conv = Convolutions[i];
            list.Add(new NamedTensor(ConvolutionNames[i] + ".weight", [conv.OutputChannels, conv.InputChannels, conv.KernelSize], conv.Weight));
            list.Add(new NamedTensor(ConvolutionNames[i] + ".bias", [conv.OutputChannels], conv.Bias));
        }
        for (int i = 0; i < Recurrent.Length; i++)
        {
            var lstm = Recurrent[i];
            int h4 = 4 * lstm.HiddenSize;
            list.Add(new NamedTensor(RecurrentNames[i] + ".weight_ih_l0", [h4, lstm.InputSize], lstm.WeightIh));
            list.Add(new NamedTensor(RecurrentNames[i] + ".weight_hh_l0", [h4, lstm.HiddenSize], lstm.WeightHh));
            list.Add(new NamedTensor(RecurrentNames[i] + ".bias_ih_l0", [h4], lstm.BiasIh));
            list.Add(new NamedTensor(RecurrentNames[i] + ".bias_hh_l0", [h4], lstm.BiasHh));
        }
        list.Add(new NamedTensor("fc.weight", [Output.OutputSize, Output.InputSize], Output.Weight));
        list.Add(new NamedTensor("fc.bias", [Output.OutputSize], Output.Bias));
        return list.AsReadOnly();
    }

    private static void Fill(float[] values, float k, Random random)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * k);
    }
}
