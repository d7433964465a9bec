using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels;
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

    /// <summary>Helper threads: <see cref="Threads"/> − 1 of them; the caller is the other.</summary>
    private readonly WorkerPool _pool;

    /// <summary>Idle workspaces; one is taken per pass in progress. Guarded by itself.</summary>
    private readonly Stack<Workspace> _workspaces = new();

    /// <summary>Idle per-call job objects. Guarded by itself.</summary>
    private readonly Stack<ScorePassJob> _jobs = new();

    /// <summary>Set by <see cref="Dispose"/>.</summary>
    private volatile bool _disposed;

    /// <summary>Copies <paramref name="parameters"/>; later changes to them do not affect the engine.</summary>
    /// <param name="parameters">The model's weights.</param>
    /// <param name="threads">Threads a batch may use, the calling one included; 0 means <see cref="Environment.ProcessorCount"/>.</param>
    public DenseCpuInferenceEngine(DenseAutoencoderParameters parameters, int threads = 0)
    {
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
        _pool = new WorkerPool(threads - 1);
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
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!Enum.IsDefined(metric)) throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown error metric.");
        long values = (long)count * Shape.BeatLength;
        if (beats.Length < values) throw new ArgumentException($"beats must hold {count}·{Shape.BeatLength} values.", nameof(beats));
        if (errors.Length < count) throw new ArgumentException($"errors must hold {count} values.", nameof(errors));
        if (!reconstructions.IsEmpty && reconstructions.Length < values)
            throw new ArgumentException($"reconstructions must be empty or hold {count}·{Shape.BeatLength} values.", nameof(reconstructions));
        if (count == 0) return;

        int passes = Math.Max((count + MaxBeatsPerPass - 1) / MaxBeatsPerPass, Math.Min(Threads, count));
        var job = ObjectStack.Rent(_jobs) ?? new ScorePassJob(this);
        fixed (float* beatsPointer = beats, errorsPointer = errors, reconstructionsPointer = reconstructions)
        {
            job.Start(beatsPointer, count, passes, metric, errorsPointer, reconstructionsPointer);
            _pool.Run(job, passes);
        }
        ObjectStack.Return(_jobs, job);
    }

    /// <summary>Stops the helper threads. Score must not be running or called afterwards.</summary>
    public void Dispose()
    {
        _disposed = true;
        _pool.Dispose();
    }

    /// <summary>
    /// One pass over n ≤ MaxBeatsPerPass beats, feature-major: activations are stored transposed, aᵀ [width, n], so each
    /// layer is aᵢᵀ = Wᵢ·aᵢ₋₁ᵀ (+ bᵢ per row) with Wᵢ read in place from Wᵢᵀ (MatrixProduct's unpacked path: A(o, k) =
    /// Wᵀ[k·O + o], rows of W in blocks of 4) and the previous activations as B, n columns wide. Nothing is packed per call,
    /// and at n = 64 every product runs on the 4 × 64 micro-kernel with no column tail.
    /// </summary>
    private void RunPass(Workspace ws, float* beats, int n, ErrorMetric metric, float* errors, float* reconstructions)
    {
        int beatLength = _widths[0];

        // xᵀ [L, n]: the beats transposed, the first layer's B and, at the end, what X̂ᵀ is compared with.
        var xT = ws.InputT.AsSpan(0, beatLength * n);
        for (int b = 0; b < n; b++)
        {
            float* beat = beats + (long)b * beatLength;
            for (int j = 0; j < beatLength; j++) xT[j * n + b] = beat[j];
        }

        ReadOnlySpan<float> a = xT;
        int last = _weightsT.Length - 1;
        for (int i = 0; i <= last; i++)
        {
            int inWidth = _widths[i], outWidth = _widths[i + 1];
            var y = (i % 2 == 0 ? ws.ActivationsA : ws.ActivationsB).AsSpan(0, outWidth * n);

            // yᵀ = b (row o is n copies of b[o]), then yᵀ += W·aᵀ: the product accumulates onto the bias rows.
            float[] bias = _biases[i];
            for (int o = 0; o < outWidth; o++) y.Slice(o * n, n).Fill(bias[o]);
            MatrixProduct.Multiply(_weightsT[i], 1, outWidth, a, n, y, n, outWidth, n, inWidth, accumulate: true, VectorMath.PreferredWidth);
            if (i < last) ReluLayer.Forward(y);
            a = y;
        }

        // a is X̂ᵀ [L, n]. Each beat's error accumulates down the rows, n beats at a time.
        var sums = ws.Sums.AsSpan(0, n);
        sums.Clear();
        bool squared = metric == ErrorMetric.MeanSquared;
        for (int j = 0; j < beatLength; j++)
        {
            var x = xT.Slice(j * n, n);
            var xHat = a.Slice(j * n, n);
            int b = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; b <= n - Vector512<float>.Count; b += Vector512<float>.Count)
                {
                    var d = Vector512.Create(x.Slice(b, Vector512<float>.Count)) - Vector512.Create(xHat.Slice(b, Vector512<float>.Count));
                    var sum = Vector512.Create(sums.Slice(b, Vector512<float>.Count)) + (squared ? d * d : Vector512.Abs(d));
                    sum.CopyTo(sums.Slice(b, Vector512<float>.Count));
                }
            }
            for (; b < n; b++)
            {
                float d = x[b] - xHat[b];
                sums[b] += squared ? d * d : MathF.Abs(d);
            }
        }
        float scale = metric == ErrorMetric.L1Sum ? 1f : 1f / beatLength;
        for (int b = 0; b < n; b++) errors[b] = sums[b] * scale;

        if (reconstructions == null) return;
        for (int b = 0; b < n; b++)
        {
            float* beat = reconstructions + (long)b * beatLength;
            for (int j = 0; j < beatLength; j++) beat[j] = a[j * n + b];
        }
    }

    private Workspace RentWorkspace() => ObjectStack.Rent(_workspaces) ?? new Workspace(MaxBeatsPerPass, _widths);

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

    /// <summary>Scratch for one pass of up to <c>maxBeats</c> beats, all feature-major [width, beats].</summary>
    private sealed class Workspace(int maxBeats, int[] widths)
    {
        /// <summary>xᵀ [L, beats]: the pass's beats, transposed.</summary>
        public float[] InputT { get; } = new float[widths[0] * maxBeats];

        /// <summary>Outputs of layers 1, 3, 5 [width, beats].</summary>
        public float[] ActivationsA { get; } = new float[widths.Max() * maxBeats];

        /// <summary>Outputs of layers 2, 4, 6 [width, beats].</summary>
        public float[] ActivationsB { get; } = new float[widths.Max() * maxBeats];

        /// <summary>[beats]: each beat's error sum.</summary>
        public float[] Sums { get; } = new float[maxBeats];
    }
}
