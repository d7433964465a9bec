namespace EcgStream.Model.Cuda;

/// <summary>
/// When the engine gives up a cuDNN RNN algorithm for the standard one: cuDNN answered CUDNN_STATUS_NOT_SUPPORTED to the
/// descriptor set-up, the workspace query or the forward call. Any other failure stays an error.
/// </summary>
public static class RnnAlgorithmFallback
{
    /// <summary>cuDNN 8's CUDNN_STATUS_NOT_SUPPORTED.</summary>
    public const int LegacyNotSupported = 9;

    /// <summary>cuDNN 9's CUDNN_STATUS_NOT_SUPPORTED; 3001–3999 are its sub-kinds (shape, data type, layout, architecture, …).</summary>
    public const int NotSupported = 3000;

    /// <summary>True when <paramref name="cudnnStatus"/> is a "not supported" status of cuDNN 9 (3000–3999) or cuDNN 8 (9).</summary>
    public static bool IsNotSupported(int cudnnStatus) => cudnnStatus == LegacyNotSupported || cudnnStatus is >= NotSupported and < NotSupported + 1000;

    /// <summary>True when <paramref name="algorithm"/> is not already standard and <paramref name="failure"/> is a cuDNN "not supported".</summary>
    public static bool ShouldFallBack(CudaRnnAlgorithm algorithm, CudaException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return algorithm != CudaRnnAlgorithm.Standard && failure.CudnnStatus is int status && IsNotSupported(status);
    }

    /// <summary>The one log line, e.g. "rnn small-h not supported by cuDNN at batch 8192 (cudnnRNNForward (layer 1) failed: …); using standard".</summary>
    public static string LogLine(CudaRnnAlgorithm algorithm, int? batch, CudaException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        string where = batch is int b ? $" at batch {b}" : "";
        return $"rnn {CudaRnnAlgorithmNames.Name(algorithm)} not supported by cuDNN{where} ({failure.Message}); using standard";
    }
}
