namespace EcgStream.Model.Cuda;

/// <summary>
/// The sonames tried, in order, for each NVIDIA library. They are loaded by soname alone, so the dynamic loader's
/// usual search applies (LD_LIBRARY_PATH, the ld.so cache, the system folders).
/// </summary>
/// <param name="Runtime">CUDA runtime candidates, newest major version first.</param>
/// <param name="Blas">cuBLAS candidates, newest major version first.</param>
/// <param name="Dnn">cuDNN candidates.</param>
public sealed record CudaLibraryNames(IReadOnlyList<string> Runtime, IReadOnlyList<string> Blas, IReadOnlyList<string> Dnn)
{
    /// <summary>CUDA 13 or 12 runtime and cuBLAS, cuDNN 9: the versions the v8 RNN API and this engine were written for.</summary>
    public static CudaLibraryNames Default { get; } = new(
        ["libcudart.so.13", "libcudart.so.12"],
        ["libcublas.so.13", "libcublas.so.12"],
        ["libcudnn.so.9"]);
}
