using EcgStream.Model.Cuda;

namespace EcgStream.Model.Tests.Cuda;

/// <summary>A fact that runs only where the CUDA libraries load and a GPU answers; elsewhere it is skipped with the reason.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!CudaLibraries.TryOpen(CudaLibraryNames.Default, out _, out string reason)) Skip = $"Needs a CUDA GPU: {reason}";
    }
}
