using System.Collections.Concurrent;
using System.Diagnostics;
using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Cuda;

/// <summary>
/// The autoencoder resident on an NVIDIA GPU: cuDNN's RNN kernels run the four LSTM layers, cuBLAS the broadcast of z
/// and the output layer, cuDNN the per-beat error reduction. Weights are uploaded once; each concurrent caller gets its
/// own stream and buffers; only per-beat errors (and reconstructions when asked for) come back to the host.
/// </summary>
public sealed class CudaInferenceEngine : IInferenceEngine
{
    private readonly CudaLibraries _cuda;
    private readonly CudaEngineOptions _options;
    // The packed weights per RNN algorithm cuDNN accepted (each algorithm's descriptors may lay the weight space out differently).
    private readonly Dictionary<CudaRnnAlgorithm, CudaModelWeights> _weights = [];
    // Which algorithm runs each batch bucket: measured for --rnn auto, the one requested in every bucket otherwise.
    private readonly RnnAlgorithmTable _table;
    // Buckets where cuDNN refused the table's algorithm during a call; they run standard from then on.
    private readonly ConcurrentDictionary<int, byte> _standardBuckets = new();
    private readonly ConcurrentBag<CudaWorker> _idle = [];
    private readonly ConcurrentDictionary<CudaWorker, byte> _all = new();
    private volatile bool _disposed;

    /// <summary>
    /// Opens the CUDA libraries, checks the device, and uploads <paramref name="parameters"/>.
    /// Throws <see cref="CudaException"/> when CUDA is not available, naming what is missing.
    /// </summary>
    public CudaInferenceEngine(AutoencoderParameters parameters, CudaEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _options = options ?? new CudaEngineOptions();
        _options.Validate();
        if (!CudaLibraries.TryOpen(_options.LibraryNames, out var cuda, out string reason)) throw new CudaException($"CUDA is not available: {reason}");
        _cuda = cuda!;
        Shape = parameters.Shape;
        SelectDevice();
        DeviceName = _cuda.Runtime.DeviceName(_options.DeviceOrdinal);
        Device = $"cuda:{_options.DeviceOrdinal}";
        Libraries = _cuda.Description;

        // The first worker's handle and descriptors tell cuDNN's weight layout; every later worker's descriptors are identical.
        var first = new CudaWorker(_cuda, Shape, _options, Candidates(_options.Algorithm));
        try
        {
            foreach (var (algorithm, failure) in first.Refused) _options.Log(RnnAlgorithmFallback.LogLine(algorithm, null, failure));
            foreach (var algorithm in first.Algorithms)
                _weights[algorithm] = new CudaModelWeights(_cuda.Runtime, first.DnnHandle, first.LayersFor(algorithm), parameters);
            if (_options.Algorithm is CudaRnnAlgorithm requested)
            {
                // A fixed algorithm cuDNN refused at set-up was logged above; standard then runs every bucket.
                var used = first.Algorithms.Contains(requested) ? requested : CudaRnnAlgorithm.Standard;
                _table = RnnAlgorithmTable.Build(RnnAlgorithmTable.DefaultBuckets.Select(b => new RnnAlgorithmMeasurement(used, b, 0)));
            }
            else
            {
                _table = Measure(first);
                _options.Log(_table.ToLogText());
            }
        }
        catch
        {
            first.Dispose();
            foreach (var weights in _weights.Values) weights.Dispose();
            throw;
        }
        if (_options.CudaGraphs) _options.Log("cuda graphs: requested, but capture is not implemented yet; running without graphs");
        _all[first] = 0;
        _idle.Add(first);
    }

    /// <summary>Warm-up calls before each measured cell of the auto table: the first call of a new size sets descriptors and the workspace.</summary>
    internal const int MeasureWarmUpCalls = 2;

    /// <summary>Timed calls per cell; the cell's figure is their median.</summary>
    internal const int MeasureTimedCalls = 5;

    /// <inheritdoc />
    public AutoencoderShape Shape { get; }

    /// <inheritdoc />
    public string Device { get; }

    /// <summary>The GPU's name, e.g. "NVIDIA H100 80GB HBM3".</summary>
    public string DeviceName { get; }

    /// <summary>The libraries in use and their versions.</summary>
    public string Libraries { get; }

    /// <summary>Whether cuDNN may use TF32 tensor cores for the LSTM products.</summary>
    public bool AllowTf32 => _options.AllowTf32;

    /// <summary>Which RNN algorithm runs each batch bucket (for --rnn auto, as measured at start).</summary>
    public RnnAlgorithmTable RnnAlgorithms => _table;

    /// <inheritdoc />
    public void Score(ReadOnlySpan<float> beats, int count, ErrorMetric metric, Span<float> errors, Span<float> reconstructions = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int beatLength = Shape.BeatLength;
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (beats.Length < (long)count * beatLength) throw new ArgumentException($"beats holds {beats.Length} floats; {count} beats need {(long)count * beatLength}.", nameof(beats));
        if (errors.Length < count) throw new ArgumentException($"errors holds {errors.Length} floats; {count} beats need {count}.", nameof(errors));
        if (!reconstructions.IsEmpty && reconstructions.Length < (long)count * beatLength)
            throw new ArgumentException($"reconstructions holds {reconstructions.Length} floats; {count} beats need {(long)count * beatLength}.", nameof(reconstructions));
        if (!Enum.IsDefined(metric)) throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown error metric.");
        if (count == 0) return;

        // The current device is per host thread in the CUDA runtime, and callers come from any thread.
        SelectDevice();
        var worker = Rent();
        try
        {
            for (int start = 0; start < count; start += _options.MaxBatchPerLaunch)
            {
                int n = Math.Min(_options.MaxBatchPerLaunch, count - start);
                var chunk = beats.Slice(start * beatLength, n * beatLength);
                var chunkReconstructions = reconstructions.IsEmpty ? default : reconstructions.Slice(start * beatLength, n * beatLength);
                int bucket = _table.BucketOf(n);
                var algorithm = _standardBuckets.ContainsKey(bucket) ? CudaRnnAlgorithm.Standard : _table.AlgorithmFor(n);
                try
                {
                    worker.Run(_weights[algorithm], algorithm, chunk, n, metric, errors.Slice(start, n), chunkReconstructions);
                }
                catch (CudaException e) when (RnnAlgorithmFallback.ShouldFallBack(algorithm, e))
                {
                    // cuDNN refuses a call before launching it. Layers already queued on the stream are harmless: the rerun
                    // on the standard path rewrites every buffer from the beats up, in stream order.
                    if (_standardBuckets.TryAdd(bucket, 0)) _options.Log(RnnAlgorithmFallback.LogLine(algorithm, n, e));
                    worker.Run(_weights[CudaRnnAlgorithm.Standard], CudaRnnAlgorithm.Standard, chunk, n, metric, errors.Slice(start, n), chunkReconstructions);
                }
            }
        }
        finally
        {
            _idle.Add(worker);
        }
    }

    /// <summary>Frees every worker and the weights. Callers must not be inside <see cref="Score"/>.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        SelectDevice();
        foreach (var worker in _all.Keys) worker.Dispose();
        _all.Clear();
        foreach (var weights in _weights.Values) weights.Dispose();
    }

    /// <summary>The algorithms a worker sets up: standard always (the fallback), plus the requested one, or all three for auto.</summary>
    private static CudaRnnAlgorithm[] Candidates(CudaRnnAlgorithm? requested) => requested switch
    {
        null => [CudaRnnAlgorithm.Standard, CudaRnnAlgorithm.PersistStatic, CudaRnnAlgorithm.PersistStaticSmallH],
        CudaRnnAlgorithm.Standard => [CudaRnnAlgorithm.Standard],
        CudaRnnAlgorithm algorithm => [CudaRnnAlgorithm.Standard, algorithm],
    };

    /// <summary>
    /// Times each accepted algorithm at each bucket up to the launch limit: <see cref="MeasureWarmUpCalls"/> untimed calls,
    /// then the median of <see cref="MeasureTimedCalls"/> timed ones (each call blocks until its errors are back). Zero
    /// beats: the LSTM's work does not depend on the values. A cuDNN "not supported" makes the cell unsupported.
    /// </summary>
    private RnnAlgorithmTable Measure(CudaWorker worker)
    {
        var buckets = RnnAlgorithmTable.DefaultBuckets.Where(b => b <= _options.MaxBatchPerLaunch).DefaultIfEmpty(_options.MaxBatchPerLaunch).ToArray();
        int largest = buckets.Max();
        var beats = new float[largest * Shape.BeatLength];
        var errors = new float[largest];
        var times = new double[MeasureTimedCalls];
        var measurements = new List<RnnAlgorithmMeasurement>();
        foreach (int bucket in buckets)
        {
            foreach (var algorithm in worker.Algorithms.Order())
            {
                try
                {
                    for (int i = 0; i < MeasureWarmUpCalls; i++) worker.Run(_weights[algorithm], algorithm, beats, bucket, ErrorMetric.L1Sum, errors, default);
                    for (int i = 0; i < MeasureTimedCalls; i++)
                    {
                        long start = Stopwatch.GetTimestamp();
                        worker.Run(_weights[algorithm], algorithm, beats, bucket, ErrorMetric.L1Sum, errors, default);
                        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    }
                    Array.Sort(times);
                    measurements.Add(new RnnAlgorithmMeasurement(algorithm, bucket, times[MeasureTimedCalls / 2]));
                }
                catch (CudaException e) when (RnnAlgorithmFallback.ShouldFallBack(algorithm, e))
                {
                    _options.Log(RnnAlgorithmFallback.LogLine(algorithm, bucket, e));
                    measurements.Add(RnnAlgorithmMeasurement.Unsupported(algorithm, bucket));
                }
            }
        }
        return RnnAlgorithmTable.Build(measurements);
    }

    private CudaWorker Rent()
    {
        if (_idle.TryTake(out var worker)) return worker;
        worker = new CudaWorker(_cuda, Shape, _options, [.. _weights.Keys]);
        foreach (var (algorithm, weights) in _weights)
        {
            if (!worker.Algorithms.Contains(algorithm))
            {
                worker.Dispose();
                throw new CudaException($"cuDNN refused the {CudaRnnAlgorithmNames.Name(algorithm)} RNN algorithm on a new stream after accepting it on the first.");
            }
            var layers = worker.LayersFor(algorithm);
            for (int i = 0; i < layers.Count; i++)
            {
                if (layers[i].WeightSpaceBytes != weights.LayerSpaceBytes[i])
                {
                    worker.Dispose();
                    throw new CudaException($"cuDNN gave a new stream a different weight layout for layer {i + 1} ({CudaRnnAlgorithmNames.Name(algorithm)}).");
                }
            }
        }
        _all[worker] = 0;
        return worker;
    }

    private unsafe void SelectDevice() => _cuda.Runtime.Check(_cuda.Runtime.SetDevice(_options.DeviceOrdinal), "cudaSetDevice");
}
