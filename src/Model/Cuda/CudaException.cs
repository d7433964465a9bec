namespace EcgStream.Model.Cuda;

/// <summary>A CUDA, cuBLAS or cuDNN call failed, or CUDA is not usable on this machine; the message names the call and the cause.</summary>
public sealed class CudaException : Exception
{
    /// <summary>Creates the exception with a message that names what failed and why.</summary>
    public CudaException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public CudaException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
