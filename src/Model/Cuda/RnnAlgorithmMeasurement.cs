namespace EcgStream.Model.Cuda;

/// <summary>One measured cell of the auto table: how long one engine call of <paramref name="Bucket"/> beats took with <paramref name="Algorithm"/>.</summary>
/// <param name="Algorithm">The cuDNN RNN algorithm measured.</param>
/// <param name="Bucket">The batch size measured, one of <see cref="RnnAlgorithmTable.DefaultBuckets"/> or the caller's buckets.</param>
/// <param name="Milliseconds">The median call time; null when cuDNN reported the algorithm unsupported for this batch.</param>
public readonly record struct RnnAlgorithmMeasurement(CudaRnnAlgorithm Algorithm, int Bucket, double? Milliseconds)
{
    /// <summary>A measurement of an algorithm cuDNN refused (CUDNN_STATUS_NOT_SUPPORTED) for this bucket.</summary>
    public static RnnAlgorithmMeasurement Unsupported(CudaRnnAlgorithm algorithm, int bucket) => new(algorithm, bucket, null);
}
