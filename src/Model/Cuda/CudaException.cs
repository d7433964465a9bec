namespace EcgStream.Model.Cuda;

/// <summary>A CUDA, cuBLAS or cuDNN call failed, or CUDA is not usable on this machine; the message names the call and the cause.</summary>
public sealed class CudaException : Exception
{
    /// <summary>Creates the exception with a message that names what failed and why.</summary>
    public CudaException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it; keeps its cuDNN status when it has one.</summary>
    public CudaException(string message, Exception innerException) : base(message, innerException)
    {
        CudnnStatus = (innerException as CudaException)?.CudnnStatus;
    }

    /// <summary>Creates the exception for a cuDNN call that returned <paramref name="cudnnStatus"/>.</summary>
    public CudaException(string message, int cudnnStatus) : base(message)
    {
        CudnnStatus = cudnnStatus;
    }

    /// <summary>The cudnnStatus_t of the failed cuDNN call; null when the failure was not a cuDNN status.</summary>
    public int? CudnnStatus { get; }
}
