using System.Runtime.InteropServices;

namespace EcgStream.Model.Cuda;

/// <summary>
/// The CUDA runtime functions the engine calls, resolved once from libcudart by name. Each function-pointer property is
/// the C function of the same name without its "cuda" prefix, with the C signature (pointers as pointers, handles as nint).
/// </summary>
internal sealed unsafe class CudaRuntimeApi
{
    /// <summary>cudaMemcpyKind values.</summary>
    public const int HostToDevice = 1, DeviceToHost = 2;

    /// <summary>cudaStreamNonBlocking: the stream does not synchronise with the legacy default stream.</summary>
    public const uint StreamNonBlocking = 1;

    /// <summary>cudaErrorNoDevice and cudaErrorInsufficientDriver: the two ways "no usable GPU" is reported.</summary>
    public const int ErrorNoDevice = 100, ErrorInsufficientDriver = 35;

    /// <summary>Resolves every function from the loaded library; throws <see cref="EntryPointNotFoundException"/> naming a missing one.</summary>
    public CudaRuntimeApi(nint library)
    {
        GetDeviceCount = (delegate* unmanaged<int*, int>)Export(library, "cudaGetDeviceCount");
        SetDevice = (delegate* unmanaged<int, int>)Export(library, "cudaSetDevice");
        Malloc = (delegate* unmanaged<void**, nuint, int>)Export(library, "cudaMalloc");
        Free = (delegate* unmanaged<void*, int>)Export(library, "cudaFree");
        HostAlloc = (delegate* unmanaged<void**, nuint, uint, int>)Export(library, "cudaHostAlloc");
        FreeHost = (delegate* unmanaged<void*, int>)Export(library, "cudaFreeHost");
        Memcpy = (delegate* unmanaged<void*, void*, nuint, int, int>)Export(library, "cudaMemcpy");
        MemcpyAsync = (delegate* unmanaged<void*, void*, nuint, int, nint, int>)Export(library, "cudaMemcpyAsync");
        StreamCreateWithFlags = (delegate* unmanaged<nint*, uint, int>)Export(library, "cudaStreamCreateWithFlags");
        StreamSynchronize = (delegate* unmanaged<nint, int>)Export(library, "cudaStreamSynchronize");
        StreamDestroy = (delegate* unmanaged<nint, int>)Export(library, "cudaStreamDestroy");
        GetErrorString = (delegate* unmanaged<int, byte*>)Export(library, "cudaGetErrorString");
        RuntimeGetVersion = (delegate* unmanaged<int*, int>)Export(library, "cudaRuntimeGetVersion");
        DriverGetVersion = (delegate* unmanaged<int*, int>)Export(library, "cudaDriverGetVersion");
        // CUDA 12 exports the current cudaDeviceProp layout as _v2; the device name is the first field in every layout.
        GetDeviceProperties = (delegate* unmanaged<byte*, int, int>)(
            NativeLibrary.TryGetExport(library, "cudaGetDeviceProperties_v2", out nint v2) ? v2 : Export(library, "cudaGetDeviceProperties"));
    }

    public delegate* unmanaged<int*, int> GetDeviceCount { get; }
    public delegate* unmanaged<int, int> SetDevice { get; }
    public delegate* unmanaged<void**, nuint, int> Malloc { get; }
    public delegate* unmanaged<void*, int> Free { get; }
    public delegate* unmanaged<void**, nuint, uint, int> HostAlloc { get; }
    public delegate* unmanaged<void*, int> FreeHost { get; }
    public delegate* unmanaged<void*, void*, nuint, int, int> Memcpy { get; }
    public delegate* unmanaged<void*, void*, nuint, int, nint, int> MemcpyAsync { get; }
    public delegate* unmanaged<nint*, uint, int> StreamCreateWithFlags { get; }
    public delegate* unmanaged<nint, int> StreamSynchronize { get; }
    public delegate* unmanaged<nint, int> StreamDestroy { get; }
    public delegate* unmanaged<int, byte*> GetErrorString { get; }
    public delegate* unmanaged<int*, int> RuntimeGetVersion { get; }
    public delegate* unmanaged<int*, int> DriverGetVersion { get; }
    public delegate* unmanaged<byte*, int, int> GetDeviceProperties { get; }

    /// <summary>Throws <see cref="CudaException"/> naming <paramref name="call"/> unless <paramref name="status"/> is cudaSuccess.</summary>
    public void Check(int status, string call)
    {
        if (status != 0) throw new CudaException($"{call} failed: {ErrorText(status)}");
    }

    /// <summary>cudaGetErrorString's text for a status, with the number.</summary>
    public string ErrorText(int status) => $"{Marshal.PtrToStringUTF8((nint)GetErrorString(status))} (cudaError {status})";

    /// <summary>"12.4" from a CUDA version number such as 12040.</summary>
    public static string VersionText(int version) => $"{version / 1000}.{version % 1000 / 10}";

    /// <summary>The device's marketing name, e.g. "NVIDIA H100 80GB HBM3".</summary>
    public string DeviceName(int ordinal)
    {
        // cudaDeviceProp is about 1 KB and grows between versions; 16 KB leaves room for any of them.
        byte* props = stackalloc byte[16384];
        Check(GetDeviceProperties(props, ordinal), "cudaGetDeviceProperties");
        return Marshal.PtrToStringUTF8((nint)props) ?? "unknown";
    }

    internal static nint Export(nint library, string name) => NativeLibrary.GetExport(library, name);
}
