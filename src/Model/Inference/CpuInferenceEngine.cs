using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Inference;

/// <summary>
/// Scores beats with the LSTM autoencoder on the CPU, with vectorised kernels (<see cref="VectorMath"/>) and a fixed set
/// of threads. For each beat x [T, F] it computes, exactly as the PyTorch model does:
/// <code>
/// h¹ = LSTM_e1(x)            [T, H]     encoder.rnn1, F → H
/// h² = LSTM_e2(h¹)           [T, E]     encoder.rnn2, H → E;   z = h²_T  [E]
/// h³ = LSTM_d1(z, …, z)      [T, E]     decoder.rnn1, z fed at every step
/// h⁴ = LSTM_d2(h³)           [T, H]     decoder.rnn2, E → H
/// x̂_t = W_out·h⁴_t + b_out   [T, F]     decoder.output_layer
/// </code>
/// and reduces x − x̂ to one error per beat. Each LSTM starts from h = c = 0. Per layer, the input projection
/// x_t·W_ihᵀ + b_ih + b_hh of a block of steps is one matrix product (decoder 1's, z·W_ihᵀ + b, is done once, not T
/// times); only h_{t−1}·W_hhᵀ and the cell update run step by step (<see cref="VectorMath.LstmStep"/>).
/// </summary>
/// <remarks>
/// A batch is cut into passes of at most <see cref="MaxBeatsPerPass"/> beats, and at least one per thread, which the
/// calling thread and the engine's helper threads run in parallel. A single beat runs on the calling thread alone:
/// its steps are sequential and too short (about a microsecond each) to share between cores.
/// Safe for concurrent <see cref="Score"/> calls; after warm-up a call allocates nothing.
/// </remarks>
public sealed unsafe class CpuInferenceEngine : IInferenceEngine, IPassScorer
{
    /// <summary>The most beats one pass computes together; 64 keeps a pass's sequences (2 × 4.6 MB) and one weight panel's reuse high.</summary>
    public const int MaxBeatsPerPass = 64;

    /// <summary>
    /// Floats of input projection computed ahead of the recurrence: 256 K floats = 1 MiB, about half of a 2 MiB L2, so the
    /// block is still cached when the steps read it. On a core with a 1 MiB L2 (Zen 4) it was measured against 32 K, 64 K
    /// and 128 K floats (no faster) and 1 M floats (about 9 % slower) at batch 64: see docs/benchmarks.md.
    /// </summary>
    private const int DefaultGateBlockFloats = 256 * 1024;

    /// <summary>The packed layers, in forward order.</summary>
    private readonly PackedLstm _encoder1, _encoder2, _decoder1, _decoder2;

    /// <summary>decoder.output_layer weight, [F][H_p of decoder 2], zero-padded.</summary>
    private readonly float[] _outputWeight;

    /// <summary>decoder.output_layer bias, [F].</summary>
    private readonly float[] _outputBias;

    /// <summary>Capacity of a workspace's gate block, in floats.</summary>
    private readonly int _gateBlockFloats;

    /// <summary>Runs Score's passes on the calling thread and <see cref="Threads"/> − 1 helper threads.</summary>
    private readonly ScorePasses _passes;

    /// <summary>Idle workspaces; one is taken per pass in progress. Guarded by itself.</summary>
    private readonly Stack<InferenceWorkspace> _workspaces = new();

    /// <summary>Set by <see cref="Dispose"/>.</summary>
    private volatile bool _disposed;

    /// <summary>Copies and packs <paramref name="parameters"/>; later changes to them do not affect the engine.</summary>
    /// <param name="parameters">The model's weights.</param>
    /// <param name="threads">Threads a batch may use, the calling one included; 0 (the default) means <see cref="Environment.ProcessorCount"/>.</param>
    public CpuInferenceEngine(AutoencoderParameters parameters, int threads = 0)
        : this(parameters, threads, VectorMath.PreferredWidth, DefaultGateBlockFloats)
    {
    }

    /// <summary>As the public constructor, at a chosen kernel width and gate-block size (tests and tuning).</summary>
    internal CpuInferenceEngine(AutoencoderParameters parameters, int threads, KernelWidth width, int gateBlockFloats)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (threads == 0) threads = Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        PackedMatrix.CheckWidth(width);
        ArgumentOutOfRangeException.ThrowIfLessThan(gateBlockFloats, 1);

        Shape = parameters.Shape;
        Threads = threads;
        Width = width;
        _encoder1 = new PackedLstm(parameters.Encoder1, Shape.Features, width);
        _encoder2 = new PackedLstm(parameters.Encoder2, _encoder1.PaddedHidden, width);
        _decoder1 = new PackedLstm(parameters.Decoder1, _encoder2.PaddedHidden, width);
        _decoder2 = new PackedLstm(parameters.Decoder2, _decoder1.PaddedHidden, width);

        int paddedHidden = _decoder2.PaddedHidden;
        _outputWeight = new float[Shape.Features * paddedHidden];
        for (int f = 0; f < Shape.Features; f++)
            parameters.Output.Weight.AsSpan(f * Shape.HiddenSize, Shape.HiddenSize).CopyTo(_outputWeight.AsSpan(f * paddedHidden));
        _outputBias = (float[])parameters.Output.Bias.Clone();

        _gateBlockFloats = Math.Max(gateBlockFloats, MaxBeatsPerPass * MaxGateColumns);
        _passes = new ScorePasses(this, threads, MaxBeatsPerPass);
    }

    /// <inheritdoc />
    public AutoencoderShape Shape { get; }

    /// <inheritdoc />
    public string Device => "cpu";

    /// <summary>Threads a batch may use, the calling one included.</summary>
    public int Threads { get; }

    /// <summary>The vector width the kernels run at.</summary>
    public KernelWidth Width { get; }

    private PackedLstm[] Layers => [_encoder1, _encoder2, _decoder1, _decoder2];

    private int MaxPaddedHidden => Layers.Max(l => l.PaddedHidden);

    private int MaxGateColumns => Layers.Max(l => l.InputWeights.Columns);

    /// <inheritdoc />
    public void Score(ReadOnlySpan<float> beats, int count, ErrorMetric metric, Span<float> errors, Span<float> reconstructions = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _passes.Score(beats, count, metric, errors, reconstructions);
    }

    /// <summary>Stops the helper threads. Score must not be running or called afterwards.</summary>
    public void Dispose()
    {
        _disposed = true;
        _passes.Dispose();
    }

    /// <summary>Scores beats [first, first + n) of a call: one pass through the whole model for n ≤ MaxBeatsPerPass beats.</summary>
    private void RunPass(InferenceWorkspace ws, float* beats, int n, ErrorMetric metric, float* errors, float* reconstructions)
    {
        int steps = Shape.SequenceLength, features = Shape.Features;

        // Time-major input: row t·n + b of the encoder's first input projection is x_t of beat b.
        var input = ws.Input.AsSpan(0, steps * n * features);
        for (int b = 0; b < n; b++)
            for (int t = 0; t < steps; t++)
                for (int f = 0; f < features; f++)
                    input[(t * n + b) * features + f] = beats[(long)b * steps * features + t * features + f];

        RunLayer(_encoder1, input, features, ws.SequenceA, n, ws);
        RunLayer(_encoder2, ws.SequenceA, _encoder1.PaddedHidden, ws.SequenceB, n, ws);

        // z = h_T of encoder 2. Decoder 1 sees z at every step, so its input projection is computed once per beat.
        int embedding = _encoder2.PaddedHidden;
        var z = ws.SequenceB.AsSpan((steps - 1) * n * embedding, n * embedding);
        var zGates = ws.EmbeddingGates.AsSpan(0, n * _decoder1.InputWeights.Columns);
        VectorMath.Gemm(z, n, _decoder1.InputWeights, zGates);
        ws.Cell.AsSpan(0, n * _decoder1.PaddedHidden).Clear();
        for (int t = 0; t < steps; t++) Step(_decoder1, zGates, ws.SequenceA, t, n, ws);

        RunLayer(_decoder2, ws.SequenceA, _decoder1.PaddedHidden, ws.SequenceB, n, ws);
        Reconstruct(ws.SequenceB, n, beats, metric, errors, reconstructions);
    }

    /// <summary>
    /// One LSTM layer over the whole sequence: for each block of steps, the input projection of every (step, beat) row
    /// as one product [steps·n, K] × [K, 4·H_p], then the steps one after another.
    /// </summary>
    private void RunLayer(PackedLstm layer, ReadOnlySpan<float> input, int inputDepth, Span<float> output, int n, InferenceWorkspace ws)
    {
        int steps = Shape.SequenceLength, columns = layer.InputWeights.Columns;
        int block = Math.Clamp(_gateBlockFloats / (n * columns), 1, steps);
        ws.Cell.AsSpan(0, n * layer.PaddedHidden).Clear();
        for (int start = 0; start < steps; start += block)
        {
            int count = Math.Min(block, steps - start);
            VectorMath.Gemm(input.Slice(start * n * inputDepth, count * n * inputDepth), count * n, layer.InputWeights, ws.Gates);
            for (int s = 0; s < count; s++)
                Step(layer, ws.Gates.AsSpan(s * n * columns, n * columns), output, start + s, n, ws);
        }
    }

    /// <summary>Step t of a layer: h_t from its gate inputs, h_{t−1} (zero at t = 0) and the layer's cell state.</summary>
    private static void Step(PackedLstm layer, ReadOnlySpan<float> gates, Span<float> output, int t, int n, InferenceWorkspace ws)
    {
        int hidden = layer.PaddedHidden;
        var previous = t == 0 ? ReadOnlySpan<float>.Empty : output.Slice((t - 1) * n * hidden, n * hidden);
        VectorMath.LstmStep(gates, previous, layer.RecurrentWeights, ws.Cell.AsSpan(0, n * hidden), output.Slice(t * n * hidden, n * hidden), n);
    }

    /// <summary>x̂_t = W_out·h⁴_t + b_out for every step, compared with x and reduced to each beat's error.</summary>
    private void Reconstruct(ReadOnlySpan<float> decoded, int n, float* beats, ErrorMetric metric, float* errors, float* reconstructions)
    {
        int steps = Shape.SequenceLength, features = Shape.Features, hidden = _decoder2.PaddedHidden;
        double scale = metric == ErrorMetric.L1Sum ? 1.0 : 1.0 / Shape.BeatLength;
        for (int b = 0; b < n; b++)
        {
            long beatStart = (long)b * Shape.BeatLength;
            double sum = 0;
            for (int t = 0; t < steps; t++)
            {
                var h = decoded.Slice((t * n + b) * hidden, hidden);
                for (int f = 0; f < features; f++)
                {
                    float y = VectorMath.Dot(h, _outputWeight.AsSpan(f * hidden, hidden)) + _outputBias[f];
                    long index = beatStart + t * features + f;
                    double d = beats[index] - y;
                    sum += metric == ErrorMetric.MeanSquared ? d * d : Math.Abs(d);
                    if (reconstructions != null) reconstructions[index] = y;
                }
            }
            errors[b] = (float)(sum * scale);
        }
    }

    private InferenceWorkspace RentWorkspace() =>
        ObjectStack.Rent(_workspaces) ?? new InferenceWorkspace(MaxBeatsPerPass, Shape.SequenceLength, Shape.Features, MaxPaddedHidden,
            _gateBlockFloats, _decoder1.InputWeights.Columns);

    int IPassScorer.BeatLength => Shape.BeatLength;

    void IPassScorer.ScorePass(float* beats, int count, ErrorMetric metric, float* errors, float* reconstructions)
    {
        var ws = RentWorkspace();
        try
        {
            RunPass(ws, beats, count, metric, errors, reconstructions);
        }
        finally
        {
            ObjectStack.Return(_workspaces, ws);
        }
    }
}
