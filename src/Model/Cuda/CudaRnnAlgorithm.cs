namespace EcgStream.Model.Cuda;

/// <summary>Which cuDNN RNN algorithm runs the four LSTM layers (cudnnRNNAlgo_t).</summary>
public enum CudaRnnAlgorithm
{
    /// <summary>CUDNN_RNN_ALGO_STANDARD: one GEMM for all input projections, then a GEMM and a pointwise kernel per step. What PyTorch uses for float32.</summary>
    Standard = 0,

    /// <summary>CUDNN_RNN_ALGO_PERSIST_STATIC: one persistent kernel per layer keeps the recurrent weights on chip across steps; made for small batches.</summary>
    PersistStatic = 1,

    /// <summary>
    /// CUDNN_RNN_ALGO_PERSIST_STATIC_SMALL_H (value 3; 2 is PERSIST_DYNAMIC, not used): the persistent kernel for hidden
    /// sizes up to about 192, what PyTorch picks for such forward LSTMs. May be slower than standard at large batches.
    /// </summary>
    PersistStaticSmallH = 3,
}
