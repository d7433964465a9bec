using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels;
using EcgStream.Model.Kernels.Widths;
using EcgStream.Model.Layers;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Inference;

/// <summary>
/// Scores beats with the dense autoencoder on the CPU. For a pass of n beats X [n, L] it computes, as the PyTorch twin
/// (scripts/dense_autoencoder.py) does:
/// <code>
/// a₀ = X;   aᵢ = ReLU(aᵢ₋₁·Wᵢᵀ + bᵢ)  for the first 5 layers;   X̂ = a₅·W₆ᵀ + b₆      140 → 64 → 32 → 16 → 32 → 64 → 140
/// </code>
/// each layer one matrix product (<see cref="MatrixProduct"/> at <see cref="VectorMath.PreferredWidth"/>, 4 × 64 tiles with AVX-512, computed transposed so that nothing
/// is packed per call: see RunPass), then reduces X − X̂ to one error per beat.
/// </summary>
/// <remarks>
/// A batch is cut into passes of at most <see cref="MaxBeatsPerPass"/> beats, and at least one per thread, run by the
/// calling thread and the engine's helper threads. Safe for concurrent <see cref="Score"/> calls: each pass takes a
/// workspace from a pool, and MatrixProduct's packing buffer is per thread. After warm-up (one workspace per concurrent
/// pass, one packing buffer per thread) a call allocates nothing.
/// </remarks>
public sealed unsafe class DenseCpuInferenceEngine : IInferenceEngine, IPassScorer
{
    /// <summary>The most beats one pass computes together: 64 rows keep every activation of a pass (64 × 140 floats) in L1/L2.</summary>
    public const int MaxBeatsPerPass = 64;

    /// <summary>Wᵢᵀ [Iᵢ, Oᵢ] row-major per layer, in forward order: the B operand of each product.</summary>
    private readonly float[][] _weightsT;

    /// <summary>bᵢ [Oᵢ] per layer.</summary>
    private readonly float[][] _biases;

    /// <summary>Beat length, then every layer's output width, in forward order.</summary>
    private readonly int[] _widths;

    /// <summary>The vector width of every kernel a pass runs.</summary>
    private readonly KernelWidth _width;

    /// <summary>Runs Score's passes on the calling thread and <see cref="Threads"/> − 1 helper threads.</summary>
    private readonly ScorePasses _passes;

    /// <summary>Idle workspaces; one is taken per pass in progress. Guarded by itself.</summary>
    private readonly Stack<Workspace> _workspaces = new();

    /// <summary>Set by <see cref="Dispose"/>.</summary>
    private volatile bool _disposed;

    /// <summary>Copies <paramref name="parameters"/>; later changes to them do not affect the engine.</summary>
    /// <param name="parameters">The model's weights.</param>
    /// <param name="threads">Threads a batch may use, the calling one included; 0 means <see cref="Environment.ProcessorCount"/>.</param>
    public DenseCpuInferenceEngine(DenseAutoencoderParameters parameters, int threads = 0)
        : this(parameters, threads, VectorMath.PreferredWidth)
    {
    }

    /// <summary>As the public constructor, at a chosen <paramref name="width"/>: the tests run every width on every machine.</summary>
    internal DenseCpuInferenceEngine(DenseAutoencoderParameters parameters, int threads, KernelWidth width)
    {
        PackedMatrix.CheckWidth(width);
        _width = width;
        ArgumentNullException.ThrowIfNull(parameters);
        if (threads == 0) threads = Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Shape = DenseAutoencoderModel.ShapeOf(parameters);
        Threads = threads;
        var layers = parameters.Layers;
        _weightsT = new float[layers.Count][];
        _biases = new float[layers.Count][];
        _widths = new int[layers.Count + 1];
        _widths[0] = parameters.BeatLength;
        for (int i = 0; i < layers.Count; i++)
        {
            _weightsT[i] = new float[layers[i].Weight.Length];
            Elementwise.Transpose(layers[i].Weight, layers[i].OutputSize, layers[i].InputSize, _weightsT[i]);
            _biases[i] = (float[])layers[i].Bias.Clone();
            _widths[i + 1] = layers[i].OutputSize;
        }
        _passes = new ScorePasses(this, threads, MaxBeatsPerPass);
    }

    /// <inheritdoc />
    /// <remarks>See <see cref="DenseAutoencoderModel.Shape"/>: SequenceLength is the beat length and Features 1.</remarks>
    public AutoencoderShape Shape { get; }

    /// <inheritdoc />
    public string Device => "cpu";

    /// <summary>Threads a batch may use, the calling one included.</summary>
    public int Threads { get; }

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

    /// <summary>
    /// One pass over n ≤ MaxBeatsPerPass beats, feature-major: activations are stored transposed, aᵀ [width, n], so each
    /// layer is aᵢᵀ = Wᵢ·aᵢ₋₁ᵀ (+ bᵢ per row) with Wᵢ read in place from Wᵢᵀ (MatrixProduct's unpacked path: A(o, k) =
    /// Wᵀ[k·O + o], rows of W in blocks of 4) and the previous activations as B, n columns wide. Nothing is packed per call,
    /// and at n = 64 every product runs on the 4 × 4V micro-kernel with no column tail.
    /// </summary>
    private void RunPass<TWidth, TVector>(Workspace ws, float* beats, int n, ErrorMetric metric, float* errors, float* reconstructions)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        int beatLength = _widths[0];
        fixed (float* xT = ws.InputT, activationsA = ws.ActivationsA, activationsB = ws.ActivationsB)
        {
            // xᵀ [L, n]: the beats transposed, the first layer's B and, at the end, what X̂ᵀ is compared with.
            Transpose(beats, n, beatLength, xT);

            float* a = xT;
            int last = _weightsT.Length - 1;
            for (int i = 0; i <= last; i++)
            {
                int inWidth = _widths[i], outWidth = _widths[i + 1];
                float* y = i % 2 == 0 ? activationsA : activationsB;
                var yT = new Span<float>(y, outWidth * n);

                // yᵀ = b (row o is n copies of b[o]), then yᵀ += W·aᵀ: the product accumulates onto the bias rows.
                float[] bias = _biases[i];
                for (int o = 0; o < outWidth; o++) yT.Slice(o * n, n).Fill(bias[o]);
                MatrixProduct.Multiply(_weightsT[i], 1, outWidth, new ReadOnlySpan<float>(a, inWidth * n), n, yT, n, outWidth, n, inWidth, accumulate: true, _width);
                if (i < last) ReluLayer.Forward<TWidth, TVector>(yT);
                a = y;
            }

            // a is X̂ᵀ [L, n].
            ReduceErrors<TWidth, TVector>(xT, a, n, beatLength, metric, errors);
            if (reconstructions != null) Transpose(a, beatLength, n, reconstructions);
        }
    }

    /// <summary>destination[c·rows + r] = source[r·columns + c]: a [rows, columns] matrix transposed.</summary>
    private static void Transpose(float* source, int rows, int columns, float* destination)
    {
        // One row (a pass of one beat) is a copy; the loop below would run its inner loop once per value.
        if (rows == 1)
        {
            new ReadOnlySpan<float>(source, columns).CopyTo(new Span<float>(destination, columns));
            return;
        }

        // Destination rows are written front to back and the source is read down its columns: measured here on the
        // 64 × 140 input, this order takes half the time of reading the source in order (strided stores cost more than
        // strided loads), and a little less than eight-row blocks.
        for (int c = 0; c < columns; c++)
        {
            float* row = destination + (long)c * rows;
            float* column = source + c;
            for (int r = 0; r < rows; r++) row[r] = column[(long)r * columns];
        }
    }

    /// <summary>
    /// errors[b] = Σ_j |xᵀ[j, b] − x̂ᵀ[j, b]| (or the squares), times 1/L for the mean metrics. Each lane is one beat and
    /// sums its samples in order j = 0, 1, …, so every width gives the same bits.
    /// </summary>
    private static void ReduceErrors<TWidth, TVector>(float* xT, float* xHatT, int n, int beatLength, ErrorMetric metric, float* errors)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        bool squared = metric == ErrorMetric.MeanSquared;
        float scale = metric == ErrorMetric.L1Sum ? 1f : 1f / beatLength;
        int b = 0;
        for (; b <= n - TWidth.Count; b += TWidth.Count)
        {
            TVector sum = default;
            for (int j = 0; j < beatLength; j++)
            {
                var d = TWidth.Subtract(TWidth.Load(ref xT[(long)j * n], b), TWidth.Load(ref xHatT[(long)j * n], b));
                sum = TWidth.Add(sum, squared ? TWidth.Multiply(d, d) : TWidth.Abs(d));
            }
            TWidth.Store(TWidth.Multiply(sum, TWidth.Create(scale)), ref errors[0], b);
        }
        for (; b < n; b++)
        {
            float sum = 0f;
            for (int j = 0; j < beatLength; j++)
            {
                float d = xT[(long)j * n + b] - xHatT[(long)j * n + b];
                sum += squared ? d * d : MathF.Abs(d);
            }
            errors[b] = sum * scale;
        }
    }

    private Workspace RentWorkspace() => ObjectStack.Rent(_workspaces) ?? new Workspace(MaxBeatsPerPass, _widths);

    int IPassScorer.BeatLength => Shape.BeatLength;

    void IPassScorer.ScorePass(float* beats, int count, ErrorMetric metric, float* errors, float* reconstructions)
    {
        var ws = RentWorkspace();
        try
        {
            switch (_width)
            {
                case KernelWidth.Vector512: RunPass<Simd512, Vector512<float>>(ws, beats, count, metric, errors, reconstructions); break;
                case KernelWidth.Vector256: RunPass<Simd256, Vector256<float>>(ws, beats, count, metric, errors, reconstructions); break;
                default: RunPass<SimdScalar, float>(ws, beats, count, metric, errors, reconstructions); break;
            }
        }
        finally
        {
            ObjectStack.Return(_workspaces, ws);
        }
    }

    /// <summary>Scratch for one pass of up to <c>maxBeats</c> beats, all feature-major [width, beats].</summary>
    private sealed class Workspace(int maxBeats, int[] widths)
    {
        /// <summary>xᵀ [L, beats]: the pass's beats, transposed.</summary>
        public float[] InputT { get; } = new float[widths[0] * maxBeats];

        /// <summary>Outputs of layers 1, 3, 5 [width, beats].</summary>
        public float[] ActivationsA { get; } = new float[widths.Max() * maxBeats];

        /// <summary>Outputs of layers 2, 4, 6 [width, beats].</summary>
        public float[] ActivationsB { get; } = new float[widths.Max() * maxBeats];
    }
}
