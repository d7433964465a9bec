using EcgStream.Model.Classification;
using EcgStream.Model.Cuda;
using EcgStream.Model.Inference;

namespace EcgStream.Benchmarks.Engine;

/// <summary>Arguments of the `engine` command: which model, batch size, threads, how long to measure, which device.</summary>
internal sealed class EngineBenchmarkOptions
{
    /// <summary>The model measured: a beat classifier (--model classifier) instead of an autoencoder.</summary>
    public bool Classifier { get; private set; }

    /// <summary>The dense autoencoder 140 → 64 → 32 → 16 → 32 → 64 → 140 instead of the LSTM one (--model dense-ae).</summary>
    public bool DenseAutoencoder { get; private set; }

    /// <summary>The classifier's architecture (--arch conv1d|lstm|conv1d-lstm). Default conv1d.</summary>
    public ClassifierArchitecture Architecture { get; private set; } = ClassifierArchitecture.Conv1d;

    /// <summary>Beats per Score call. Default 64.</summary>
    public int Batch { get; private set; } = 64;

    /// <summary>Threads the engine may use. Default 1.</summary>
    public int Threads { get; private set; } = 1;

    /// <summary>How long to measure after warm-up. Default 10 s.</summary>
    public double Seconds { get; private set; } = 10;

    /// <summary>Engine device: auto, cpu or cuda. Default cpu.</summary>
    public EngineDevice Device { get; private set; } = EngineDevice.Cpu;

    /// <summary>Whether the CUDA engine may use TF32 tensor cores (--tf32 on). Default off.</summary>
    public bool AllowTf32 { get; private set; }

    /// <summary>Seed of the random weights and beats. Default 20240601.</summary>
    public int Seed { get; private set; } = 20240601;

    /// <summary>The cuDNN RNN algorithm of the CUDA engine (--rnn auto|standard|persist-static|small-h); null is auto. Default standard.</summary>
    public CudaRnnAlgorithm? RnnAlgorithm { get; private set; } = CudaRnnAlgorithm.Standard;

    /// <summary>Whether the CUDA engine captures and replays CUDA graphs (--cuda-graphs on). Default off.</summary>
    public bool CudaGraphs { get; private set; }

    /// <summary>Parses `[--model autoencoder|dense-ae|classifier] [--arch conv1d|lstm|conv1d-lstm] --batch B --threads T --seconds S [--device auto|cpu|cuda] [--tf32 on|off] [--rnn auto|standard|persist-static|small-h] [--cuda-graphs on|off] [--seed N]`; returns an error message or null.</summary>
    public static string? TryParse(IReadOnlyList<string> args, out EngineBenchmarkOptions options)
    {
        options = new EngineBenchmarkOptions();
        for (int i = 0; i < args.Count; i += 2)
        {
            string name = args[i];
            if (i + 1 >= args.Count) return $"{name} needs a value.";
            string value = args[i + 1];
            switch (name)
            {
                case "--model" when value is "autoencoder" or "dense-ae" or "classifier":
                    options.Classifier = value == "classifier";
                    options.DenseAutoencoder = value == "dense-ae";
                    break;
                case "--arch" when ClassifierArchitectureNames.TryParse(value, out var architecture): options.Architecture = architecture; break;
                case "--model": return $"--model must be autoencoder, dense-ae or classifier, got '{value}'.";
                case "--arch": return $"--arch must be one of {string.Join(", ", ClassifierArchitectureNames.All)}, got '{value}'.";
                case "--batch" when int.TryParse(value, out int batch) && batch is >= 1 and <= 65536: options.Batch = batch; break;
                case "--threads" when int.TryParse(value, out int threads) && threads is >= 1 and <= 1024: options.Threads = threads; break;
                case "--seconds" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out double seconds) && seconds is > 0 and <= 3600: options.Seconds = seconds; break;
                case "--seed" when int.TryParse(value, out int seed): options.Seed = seed; break;
                case "--device" when InferenceEngineFactory.TryParseDevice(value, out var device): options.Device = device; break;
                case "--tf32" when value is "on" or "off": options.AllowTf32 = value == "on"; break;
                case "--rnn" when CudaRnnAlgorithmNames.TryParse(value, out var algorithm): options.RnnAlgorithm = algorithm; break;
                case "--rnn": return $"--rnn must be one of {CudaRnnAlgorithmNames.Choices}, got '{value}'.";
                case "--cuda-graphs" when value is "on" or "off": options.CudaGraphs = value == "on"; break;
                case "--cuda-graphs": return $"--cuda-graphs must be on or off, got '{value}'.";
                case "--device": return $"--device must be one of {InferenceEngineFactory.DeviceChoices}, got '{value}'.";
                case "--tf32": return $"--tf32 must be on or off, got '{value}'.";
                case "--batch": return $"--batch must be an integer in 1..65536, got '{value}'.";
                case "--threads": return $"--threads must be an integer in 1..1024, got '{value}'.";
                case "--seconds": return $"--seconds must be a number in (0, 3600], got '{value}'.";
                case "--seed": return $"--seed must be an integer, got '{value}'.";
                default: return $"Unknown option '{name}'.";
            }
        }
        return null;
    }
}
