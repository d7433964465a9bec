using EcgStream.Model.Layers;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Inference;

/// <summary>
/// Scores beats with the dense autoencoder on the CPU. For a pass of n beats X [n, L] it computes, as the PyTorch twin
/// (scripts/dense_autoencoder.py) does:
/// <code>
/// a₀ = X;   aᵢ = ReLU(aᵢ₋₁·Wᵢᵀ + bᵢ)  for the first 5 layers;   X̂ = a₅·W₆ᵀ + b₆      140 → 64 → 32 → 16 → 32 → 64 → 140
/// </code>
/// each layer one matrix product (<see cref="MatrixProduct"/>, 4 × 64 AVX-512 tiles) over the pass's rows, then reduces
/// X − X̂ to one error per beat.
/// </summary>
/// <remarks>
/// A batch is cut into passes of at most <see cref="MaxBeatsPerPass"/> beats, and at least one per thread, run by the
/// calling thread and the engine's helper threads. Safe for concurrent <see cref="Score"/> calls: each pass takes a
/// workspace from a pool, and MatrixProduct's packing buffer is per thread. After warm-up (one workspace per concurrent
/// pass, one packing buffer per thread) a call allocates nothing.
/// </remarks>
public sealed unsafe class DenseCpuInferenceEngine : IInferenceEngine
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

    /// <summary>Idle workspaces, each two [MaxBeatsPerPass, widest layer] activation buffers. Guarded by itself.</summary>
    private readonly Stack<float[][]> _workspaces = new();

    /// <summary>Idle per-call job objects. Guarded by itself.</summary>
    private readonly Stack<ScoreJob> _jobs = new();

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
        var job = Rent(_jobs) ?? new ScoreJob(this);
        fixed (float* beatsPointer = beats, errorsPointer = errors, reconstructionsPointer = reconstructions)
        {
            job.Start(beatsPointer, count, passes, metric, errorsPointer, reconstructionsPointer);
            _pool.Run(job, passes);
        }
        Return(_jobs, job);
    }

    /// <summary>Stops the helper threads. Score must not be running or called afterwards.</summary>
    public void Dispose()
    {
        _disposed = true;
        _pool.Dispose();
    }

    /// <summary>One pass over n ≤ MaxBeatsPerPass beats: every layer, then the errors.</summary>
    private void RunPass(float[][] ws, float* beats, int n, ErrorMetric metric, float* errors, float* reconstructions)
    {
        int beatLength = _widths[0];
        var input = new ReadOnlySpan<float>(beats, n * beatLength);
        ReadOnlySpan<float> x = input;
        int last = _weightsT.Length - 1;
        for (int i = 0; i <= last; i++)
        {
            int inWidth = _widths[i], outWidth = _widths[i + 1];
            var y = ws[i % 2].AsSpan(0, n * outWidth);

            // y = b, then y += x·Wᵀ: the product accumulates onto the bias rows.
            for (int r = 0; r < n; r++) _biases[i].CopyTo(y.Slice(r * outWidth, outWidth));
            MatrixProduct.Multiply(x, inWidth, 1, _weightsT[i], outWidth, y, outWidth, n, outWidth, inWidth, accumulate: true);
            if (i < last) ReluLayer.Forward(y);
            x = y;
        }

        // x is X̂ [n, L]; reduce X − X̂ per beat in double, as the LSTM engine does.
        double scale = metric == ErrorMetric.L1Sum ? 1.0 : 1.0 / beatLength;
        for (int b = 0; b < n; b++)
        {
            var xHat = x.Slice(b * beatLength, beatLength);
            var xBeat = input.Slice(b * beatLength, beatLength);
            double sum = 0;
            for (int j = 0; j < beatLength; j++)
            {
                double d = xBeat[j] - xHat[j];
                sum += metric == ErrorMetric.MeanSquared ? d * d : Math.Abs(d);
            }
            errors[b] = (float)(sum * scale);
        }
        if (reconstructions != null) x.CopyTo(new Span<float>(reconstructions, n * beatLength));
    }

    private float[][] RentWorkspace()
    {
        if (Rent(_workspaces) is { } ws) return ws;
        int widest = _widths.Max();
        return [new float[MaxBeatsPerPass * widest], new float[MaxBeatsPerPass * widest]];
    }

    private static T? Rent<T>(Stack<T> pool) where T : class
    {
        lock (pool) return pool.TryPop(out var item) ? item : null;
    }

    private static void Return<T>(Stack<T> pool, T item)
    {
        lock (pool) pool.Push(item);
    }

    /// <summary>One Score call's arguments, shared by the threads that run its passes; reused across calls.</summary>
    private sealed class ScoreJob(DenseCpuInferenceEngine engine) : ParallelWork
    {
        private float* _beats, _errors, _reconstructions;
        private int _count, _passes;
        private ErrorMetric _metric;

        public void Start(float* beats, int count, int passes, ErrorMetric metric, float* errors, float* reconstructions)
        {
            _beats = beats;
            _count = count;
            _passes = passes;
            _metric = metric;
            _errors = errors;
            _reconstructions = reconstructions;
        }

        protected override void Execute(int index)
        {
            // Beats are split as evenly as possible: pass i takes [i·count/passes, (i+1)·count/passes).
            int first = (int)((long)index * _count / _passes);
            int n = (int)((long)(index + 1) * _count / _passes) - first;
            long offset = (long)first * engine.Shape.BeatLength;
            var ws = engine.RentWorkspace();
            try
            {
                engine.RunPass(ws, _beats + offset, n, _metric, _errors + first, _reconstructions == null ? null : _reconstructions + offset);
            }
            finally
            {
                Return(engine._workspaces, ws);
            }
        }
    }
}
