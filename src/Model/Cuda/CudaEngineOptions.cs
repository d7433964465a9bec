namespace EcgStream.Model.Cuda;

/// <summary>How the CUDA engine runs. The defaults give float32 results that match the CPU engine to rounding.</summary>
public sealed class CudaEngineOptions
{
    /// <summary>Which CUDA device to use. The default is 0.</summary>
    public int DeviceOrdinal { get; set; }

    /// <summary>
    /// Lets cuDNN run the LSTM products on TF32 tensor cores (10-bit mantissa inputs): faster, but errors then differ from
    /// float32 in about the fourth digit. The default is false. cuBLAS always stays float32: the z broadcast must be exact.
    /// </summary>
    public bool AllowTf32 { get; set; }

    /// <summary>Most beats sent through the GPU in one launch sequence; larger calls are split. The default is 8192.</summary>
    public int MaxBatchPerLaunch { get; set; } = 8192;

    /// <summary>
    /// The cuDNN RNN algorithm (<c>--rnn</c>). Null is <c>auto</c>: at start the engine times every algorithm for each
    /// batch bucket of <see cref="RnnAlgorithmTable.DefaultBuckets"/> and logs the table it will use. When cuDNN reports
    /// an algorithm unsupported, the engine logs one line and uses standard instead. The default is
    /// <see cref="CudaRnnAlgorithm.Standard"/> until the H100 measurements say otherwise.
    /// </summary>
    public CudaRnnAlgorithm? Algorithm { get; set; } = CudaRnnAlgorithm.Standard;

    /// <summary>
    /// Capture the forward pass as a CUDA graph per batch bucket and replay it (<c>--cuda-graphs on</c>). The default is false.
    /// Not implemented yet: the engine logs that it runs without graphs when this is set.
    /// </summary>
    public bool CudaGraphs { get; set; }

    /// <summary>Where the engine writes its start-up lines (the auto table, fallbacks). The default writes to standard error.</summary>
    public Action<string> Log { get; set; } = static line => Console.Error.WriteLine(line);

    /// <summary>The library sonames to try. The default is <see cref="CudaLibraryNames.Default"/>.</summary>
    public CudaLibraryNames LibraryNames { get; set; } = CudaLibraryNames.Default;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a negative device or a batch limit below 1.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(DeviceOrdinal, nameof(DeviceOrdinal));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchPerLaunch, 1, nameof(MaxBatchPerLaunch));
        ArgumentNullException.ThrowIfNull(LibraryNames, nameof(LibraryNames));
        ArgumentNullException.ThrowIfNull(Log, nameof(Log));
        if (Algorithm is CudaRnnAlgorithm algorithm && !Enum.IsDefined(algorithm)) throw new ArgumentOutOfRangeException(nameof(Algorithm), Algorithm, "Unknown RNN algorithm.");
    }
}
