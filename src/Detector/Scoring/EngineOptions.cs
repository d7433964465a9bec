namespace EcgStream.Detector.Scoring;

/// <summary>Which model scores the beats and where it runs. Configuration section "Engine".</summary>
public sealed class EngineOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Engine";

    /// <summary>Model file (safetensors with metadata). Default "models/ecg5000.safetensors", relative to the working directory.</summary>
    public string ModelPath { get; set; } = "models/ecg5000.safetensors";

    /// <summary>"auto", "cpu" or "cuda". Default "auto": CUDA when present, otherwise CPU.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Threads of the CPU engine; 0 means one per core. Default 0.</summary>
    public int Threads { get; set; }

    /// <summary>Reload the model when the file at <see cref="ModelPath"/> changes (also possible with POST /admin/reload). Default true.</summary>
    public bool WatchModelFile { get; set; } = true;
}
