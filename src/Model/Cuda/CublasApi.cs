namespace EcgStream.Model.Cuda;

/// <summary>
/// The cuBLAS (v2 API) functions the engine calls, resolved once from libcublas. Each function-pointer property is the
/// C function of the same name without its "cublas" prefix and "_v2" suffix. Matrices are column-major, as in BLAS.
/// </summary>
internal sealed unsafe class CublasApi
{
    /// <summary>cublasOperation_t: use the matrix as stored, or transposed.</summary>
    public const int OpN = 0, OpT = 1;

    /// <summary>cublasMath_t CUBLAS_DEFAULT_MATH: float32 products stay float32 (no TF32 tensor-core rounding).</summary>
    public const int DefaultMath = 0;

    /// <summary>Resolves every function from the loaded library; throws <see cref="EntryPointNotFoundException"/> naming a missing one.</summary>
    public CublasApi(nint library)
    {
        Create = (delegate* unmanaged<nint*, int>)CudaRuntimeApi.Export(library, "cublasCreate_v2");
        Destroy = (delegate* unmanaged<nint, int>)CudaRuntimeApi.Export(library, "cublasDestroy_v2");
        SetStream = (delegate* unmanaged<nint, nint, int>)CudaRuntimeApi.Export(library, "cublasSetStream_v2");
        SetMathMode = (delegate* unmanaged<nint, int, int>)CudaRuntimeApi.Export(library, "cublasSetMathMode");
        Sgemm = (delegate* unmanaged<nint, int, int, int, int, int, float*, float*, int, float*, int, float*, float*, int, int>)
            CudaRuntimeApi.Export(library, "cublasSgemm_v2");
        Sgeam = (delegate* unmanaged<nint, int, int, int, int, float*, float*, int, float*, float*, int, float*, int, int>)
            CudaRuntimeApi.Export(library, "cublasSgeam");
    }

    public delegate* unmanaged<nint*, int> Create { get; }
    public delegate* unmanaged<nint, int> Destroy { get; }
    public delegate* unmanaged<nint, nint, int> SetStream { get; }
    public delegate* unmanaged<nint, int, int> SetMathMode { get; }

    /// <summary>C = α·op(A)·op(B) + β·C: (handle, transa, transb, m, n, k, α, A, lda, B, ldb, β, C, ldc).</summary>
    public delegate* unmanaged<nint, int, int, int, int, int, float*, float*, int, float*, int, float*, float*, int, int> Sgemm { get; }

    /// <summary>C = α·op(A) + β·op(B): (handle, transa, transb, m, n, α, A, lda, β, B, ldb, C, ldc).</summary>
    public delegate* unmanaged<nint, int, int, int, int, float*, float*, int, float*, float*, int, float*, int, int> Sgeam { get; }

    /// <summary>Throws <see cref="CudaException"/> naming <paramref name="call"/> unless <paramref name="status"/> is CUBLAS_STATUS_SUCCESS.</summary>
    public static void Check(int status, string call)
    {
        if (status != 0) throw new CudaException($"{call} failed: {StatusName(status)} (cublasStatus {status})");
    }

    private static string StatusName(int status) => status switch
    {
        1 => "CUBLAS_STATUS_NOT_INITIALIZED",
        3 => "CUBLAS_STATUS_ALLOC_FAILED",
        7 => "CUBLAS_STATUS_INVALID_VALUE",
        8 => "CUBLAS_STATUS_ARCH_MISMATCH",
        11 => "CUBLAS_STATUS_MAPPING_ERROR",
        13 => "CUBLAS_STATUS_EXECUTION_FAILED",
        14 => "CUBLAS_STATUS_INTERNAL_ERROR",
        15 => "CUBLAS_STATUS_NOT_SUPPORTED",
        _ => "cuBLAS error",
    };
}
