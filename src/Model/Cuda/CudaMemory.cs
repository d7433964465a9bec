namespace EcgStream.Model.Cuda;

/// <summary>
/// One CUDA allocation, device memory (cudaMalloc) or page-locked host memory (cudaHostAlloc), and the free that matches
/// it; <see cref="Dispose"/> frees it once. There is no finalizer, on purpose: freeing from the finalizer thread could
/// race a stream still using the memory or run after the runtime has shut down, so owners free explicitly, after
/// synchronising their stream.
/// </summary>
internal sealed unsafe class CudaMemory : IDisposable
{
    /// <summary>No allocation (a null pointer, Dispose does nothing): the value of a buffer not allocated yet.</summary>
    public static readonly CudaMemory None = new(null, null);

    /// <summary>cudaFree or cudaFreeHost.</summary>
    private readonly delegate* unmanaged<void*, int> _free;

    private CudaMemory(void* pointer, delegate* unmanaged<void*, int> free)
    {
        Pointer = pointer;
        _free = free;
    }

    /// <summary>The start of the allocation; null once freed.</summary>
    public void* Pointer { get; private set; }

    /// <summary><see cref="Pointer"/> as floats.</summary>
    public float* Floats => (float*)Pointer;

    /// <summary>Allocates <paramref name="bytes"/> of device memory; throws <see cref="CudaException"/> if cudaMalloc fails.</summary>
    public static CudaMemory Device(CudaRuntimeApi runtime, nuint bytes)
    {
        void* pointer;
        runtime.Check(runtime.Malloc(&pointer, bytes), $"cudaMalloc ({bytes} bytes)");
        return new CudaMemory(pointer, runtime.Free);
    }

    /// <summary>Allocates <paramref name="bytes"/> of page-locked host memory; throws <see cref="CudaException"/> if cudaHostAlloc fails.</summary>
    public static CudaMemory Pinned(CudaRuntimeApi runtime, nuint bytes)
    {
        void* pointer;
        runtime.Check(runtime.HostAlloc(&pointer, bytes, 0), $"cudaHostAlloc ({bytes} bytes)");
        return new CudaMemory(pointer, runtime.FreeHost);
    }

    /// <summary>Frees the memory, once; later calls do nothing. The caller makes sure no stream still uses it.</summary>
    public void Dispose()
    {
        if (Pointer is null) return;
        // The status is not checked: Dispose must not throw, and there is nothing left to do if the free fails.
        _free(Pointer);
        Pointer = null;
    }
}
