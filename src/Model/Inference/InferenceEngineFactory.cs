using EcgStream.Model.Cuda;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Inference;

/// <summary>Chooses and creates the inference engine for a <see cref="EngineDevice"/>, and says why it chose it.</summary>
public static class InferenceEngineFactory
{
    /// <summary>The accepted spellings of <c>--device</c>, for help texts and error messages.</summary>
    public const string DeviceChoices = "auto|cpu|cuda";

    /// <summary>Parses a <c>--device</c> value: "auto", "cpu" or "cuda", in any case. Throws <see cref="ArgumentException"/> for anything else.</summary>
    public static EngineDevice ParseDevice(string text)
    {
        if (TryParseDevice(text, out var device)) return device;
        throw new ArgumentException($"--device must be one of {DeviceChoices}, not '{text}'.", nameof(text));
    }

    /// <summary>Parses a <c>--device</c> value as <see cref="ParseDevice"/> does, without throwing.</summary>
    public static bool TryParseDevice(string? text, out EngineDevice device)
    {
        // Explicit names only: Enum.TryParse would also take "1" or " cpu".
        switch (text?.ToLowerInvariant())
        {
            case "auto": device = EngineDevice.Auto; return true;
            case "cpu": device = EngineDevice.Cpu; return true;
            case "cuda": device = EngineDevice.Cuda; return true;
            default: device = default; return false;
        }
    }

    /// <summary>
    /// Creates the engine for <paramref name="device"/>. <see cref="EngineDevice.Auto"/> takes the GPU when the CUDA
    /// libraries load and a device answers, else the CPU engine; <see cref="EngineDevice.Cuda"/> throws
    /// <see cref="CudaException"/> when CUDA is not available. The reason is one line for the log, e.g.
    /// "cuda:0 (NVIDIA H100 80GB HBM3) …" or "cpu, 16 threads: CUDA not available (CUDA runtime library not found: …)".
    /// </summary>
    /// <param name="device">Where to run.</param>
    /// <param name="parameters">The model's weights; copied by the engine.</param>
    /// <param name="threads">Threads for the CPU engine (0: one per core); also used when auto falls back to the CPU.</param>
    /// <param name="cudaOptions">Options for the CUDA engine; the defaults when null.</param>
    public static (IInferenceEngine Engine, string Reason) Create(EngineDevice device, AutoencoderParameters parameters, int threads, CudaEngineOptions? cudaOptions = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        switch (device)
        {
            case EngineDevice.Cpu:
                return CreateCpu(parameters, threads, "requested with --device cpu");
            case EngineDevice.Cuda:
                try
                {
                    return CreateCuda(parameters, cudaOptions, "requested with --device cuda");
                }
                catch (CudaException e)
                {
                    throw new CudaException($"--device cuda: {e.Message}", e);
                }
            case EngineDevice.Auto:
                try
                {
                    return CreateCuda(parameters, cudaOptions, "a CUDA device is present");
                }
                catch (CudaException e)
                {
                    return CreateCpu(parameters, threads, $"CUDA not used: {e.Message}");
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(device), device, $"--device must be one of {DeviceChoices}.");
        }
    }

    /// <summary>
    /// Creates the engine for a model of either architecture: <see cref="Create(EngineDevice, AutoencoderParameters, int, CudaEngineOptions?)"/>
    /// for lstm-ae, <see cref="Create(EngineDevice, DenseAutoencoderParameters, int)"/> for dense-ae.
    /// </summary>
    public static (IInferenceEngine Engine, string Reason) Create(EngineDevice device, IAutoencoderModel model, int threads, CudaEngineOptions? cudaOptions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model switch
        {
            AutoencoderModel lstm => Create(device, lstm.Parameters, threads, cudaOptions),
            DenseAutoencoderModel dense => Create(device, dense.Parameters, threads),
            _ => throw new ArgumentException($"No engine for a {model.GetType().Name}.", nameof(model)),
        };
    }

    /// <summary>
    /// Creates the CPU engine for a dense autoencoder, whatever <paramref name="device"/> asks: there is no CUDA engine
    /// for dense-ae, so auto and cuda fall back to the CPU and the reason says so, e.g.
    /// "cpu dense-ae engine, 1 threads (--device cuda: dense-ae has no CUDA engine, running on the CPU)".
    /// </summary>
    public static (IInferenceEngine Engine, string Reason) Create(EngineDevice device, DenseAutoencoderParameters parameters, int threads)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string why = device switch
        {
            EngineDevice.Cpu => "requested with --device cpu",
            EngineDevice.Cuda => "--device cuda: dense-ae has no CUDA engine, running on the CPU",
            EngineDevice.Auto => "dense-ae has no CUDA engine",
            _ => throw new ArgumentOutOfRangeException(nameof(device), device, $"--device must be one of {DeviceChoices}."),
        };
        var engine = new DenseCpuInferenceEngine(parameters, threads);
        return (engine, $"cpu dense-ae engine, {engine.Threads} threads ({why})");
    }

    private static (IInferenceEngine, string) CreateCpu(AutoencoderParameters parameters, int threads, string why)
    {
        var engine = new CpuInferenceEngine(parameters, threads);
        return (engine, $"cpu engine, {engine.Threads} threads ({why})");
    }

    private static (IInferenceEngine, string) CreateCuda(AutoencoderParameters parameters, CudaEngineOptions? options, string why)
    {
        var engine = new CudaInferenceEngine(parameters, options);
        string tf32 = engine.AllowTf32 ? "TF32 allowed" : "float32";
        return (engine, $"cuda engine on {engine.Device} ({engine.DeviceName}, {tf32}; {engine.Libraries}) ({why})");
    }
}
