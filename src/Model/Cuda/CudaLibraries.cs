using System.Runtime.InteropServices;

namespace EcgStream.Model.Cuda;

/// <summary>
/// libcudart, libcublas and libcudnn, loaded by soname with every function the engine needs resolved, on a machine that
/// has at least one CUDA device. Loaded once per set of names; the libraries stay loaded for the life of the process.
/// </summary>
internal sealed class CudaLibraries
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<CudaLibraryNames, (CudaLibraries? Libraries, string Reason)> Opened = [];

    private CudaLibraries(CudaRuntimeApi runtime, CublasApi blas, CudnnApi dnn, string description)
    {
        Runtime = runtime;
        Blas = blas;
        Dnn = dnn;
        Description = description;
    }

    /// <summary>The CUDA runtime functions.</summary>
    public CudaRuntimeApi Runtime { get; }

    /// <summary>The cuBLAS functions.</summary>
    public CublasApi Blas { get; }

    /// <summary>The cuDNN functions.</summary>
    public CudnnApi Dnn { get; }

    /// <summary>Which libraries were loaded and their versions, e.g. "libcudart.so.13 (CUDA 13.0, driver 13.0), libcublas.so.13, libcudnn.so.9 (cuDNN 9.13.0)".</summary>
    public string Description { get; }

    /// <summary>
    /// Loads the libraries and checks for a device, or says why not. Never throws for a missing library or device:
    /// <paramref name="reason"/> then names what is missing, for the log line of the CPU fallback.
    /// </summary>
    public static bool TryOpen(CudaLibraryNames names, out CudaLibraries? libraries, out string reason)
    {
        ArgumentNullException.ThrowIfNull(names);
        lock (Gate)
        {
            if (!Opened.TryGetValue(names, out var result))
            {
                result = Open(names);
                Opened[names] = result;
            }
            libraries = result.Libraries;
            reason = result.Reason;
            return libraries is not null;
        }
    }

    private static unsafe (CudaLibraries?, string) Open(CudaLibraryNames names)
    {
        if (!TryLoadFirst(names.Runtime, "CUDA runtime", out nint runtimeLibrary, out string runtimeName, out string reason)) return (null, reason);
        // cuBLAS must come from the same CUDA major version as the runtime, so prefer the name with the runtime's suffix.
        string major = runtimeName[runtimeName.LastIndexOf(".so.", StringComparison.Ordinal)..];
        var blasNames = names.Blas.OrderBy(n => n.EndsWith(major, StringComparison.Ordinal) ? 0 : 1).ToList();
        if (!TryLoadFirst(blasNames, "cuBLAS", out nint blasLibrary, out string blasName, out reason)) return (null, reason);
        if (!TryLoadFirst(names.Dnn, "cuDNN", out nint dnnLibrary, out string dnnName, out reason)) return (null, reason);

        CudaRuntimeApi runtime;
        CublasApi blas;
        CudnnApi dnn;
        try
        {
            runtime = new CudaRuntimeApi(runtimeLibrary);
            blas = new CublasApi(blasLibrary);
            dnn = new CudnnApi(dnnLibrary);
        }
        catch (EntryPointNotFoundException e)
        {
            return (null, $"a CUDA library lacks a function the engine needs ({e.Message}); {runtimeName}, {blasName}, {dnnName} were loaded");
        }

        int count;
        int status = runtime.GetDeviceCount(&count);
        if (status != 0) return (null, $"no usable CUDA device: cudaGetDeviceCount returned {runtime.ErrorText(status)}");
        if (count == 0) return (null, "no CUDA device found (cudaGetDeviceCount = 0)");

        int runtimeVersion, driverVersion;
        runtime.Check(runtime.RuntimeGetVersion(&runtimeVersion), "cudaRuntimeGetVersion");
        runtime.Check(runtime.DriverGetVersion(&driverVersion), "cudaDriverGetVersion");
        string description = $"{runtimeName} (CUDA {CudaRuntimeApi.VersionText(runtimeVersion)}, driver {CudaRuntimeApi.VersionText(driverVersion)}), "
            + $"{blasName}, {dnnName} (cuDNN {dnn.VersionText()})";
        return (new CudaLibraries(runtime, blas, dnn, description), $"{count} CUDA device(s); {description}");
    }

    private static bool TryLoadFirst(IReadOnlyList<string> candidates, string what, out nint handle, out string loaded, out string reason)
    {
        foreach (string name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out handle))
            {
                loaded = name;
                reason = "";
                return true;
            }
        }
        handle = 0;
        loaded = "";
        string path = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") is { Length: > 0 } p ? p : "(unset)";
        reason = $"{what} library not found: tried {string.Join(", ", candidates)} (LD_LIBRARY_PATH={path})";
        return false;
    }
}
