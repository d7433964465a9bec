using System.Collections.Concurrent;
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
    private readonly CudaModelWeights _weights;
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
        var first = new CudaWorker(_cuda, Shape, _options);
        try
        {
            _weights = new CudaModelWeights(_cuda.Runtime, first.DnnHandle, first.Layers, parameters);
        }
        catch
        {
            first.Dispose();
            throw;
        }
        _all[first] = 0;
        _idle.Add(first);
    }

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
                worker.Run(_weights, beats.Slice(start * beatLength, n * beatLength), n, metric, errors.Slice(start, n),
                    reconstructions.IsEmpty ? default : reconstructions.Slice(start * beatLength, n * beatLength));
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
        _weights.Dispose();
    }

    private CudaWorker Rent()
    {
        if (_idle.TryTake(out var worker)) return worker;
        worker = new CudaWorker(_cuda, Shape, _options);
        for (int i = 0; i < worker.Layers.Count; i++)
        {
            if (worker.Layers[i].WeightSpaceBytes != _weights.LayerSpaceBytes[i])
            {
                worker.Dispose();
                throw new CudaException($"cuDNN gave a new stream a different weight layout for layer {i + 1}.");
            }
        }
        _all[worker] = 0;
        return worker;
    }

    private unsafe void SelectDevice() => _cuda.Runtime.Check(_cuda.Runtime.SetDevice(_options.DeviceOrdinal), "cudaSetDevice");
}
