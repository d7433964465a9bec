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

    /// <summary>The cuDNN RNN algorithm. The default is <see cref="CudaRnnAlgorithm.Standard"/>.</summary>
    public CudaRnnAlgorithm Algorithm { get; set; } = CudaRnnAlgorithm.Standard;

    /// <summary>The library sonames to try. The default is <see cref="CudaLibraryNames.Default"/>.</summary>
    public CudaLibraryNames LibraryNames { get; set; } = CudaLibraryNames.Default;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a negative device or a batch limit below 1.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(DeviceOrdinal, nameof(DeviceOrdinal));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchPerLaunch, 1, nameof(MaxBatchPerLaunch));
        ArgumentNullException.ThrowIfNull(LibraryNames, nameof(LibraryNames));
        if (!Enum.IsDefined(Algorithm)) throw new ArgumentOutOfRangeException(nameof(Algorithm), Algorithm, "Unknown RNN algorithm.");
    }
}
