namespace EcgStream.Detector.Scoring;

/// <summary>Which models score and type the beats and where they run. Configuration section "Engine".</summary>
public sealed class EngineOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Engine";

    /// <summary>The classifier the repository ships, the default of <see cref="ClassifierPath"/>.</summary>
    public const string ShippedClassifierPath = "models/ecg5000-classifier.safetensors";

    /// <summary>Model file (safetensors with metadata). Default "models/ecg5000.safetensors", relative to the working directory.</summary>
    public string ModelPath { get; set; } = "models/ecg5000.safetensors";

    /// <summary>
    /// Beat classifier file (safetensors, metadata kind "classifier"): every valid beat gets a predicted beat type and the
    /// five class probabilities, on anomaly events and scored beats. Default <see cref="ShippedClassifierPath"/>; a relative
    /// path is looked up in the working directory, then in the folders above it and above the binary. An empty value turns
    /// the classifier off. A missing or unreadable file stops the detector at start, naming the file.
    /// </summary>
    public string? ClassifierPath { get; set; } = ShippedClassifierPath;

    /// <summary>"auto", "cpu" or "cuda". Default "auto": CUDA when present, otherwise CPU. The classifier always runs on the CPU.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Threads of the CPU engine and of the classifier; 0 means one per core. Default 0.</summary>
    public int Threads { get; set; }

    /// <summary>
    /// Reload the models when the file at <see cref="ModelPath"/> or at <see cref="ClassifierPath"/> changes (also possible
    /// with POST /admin/reload). Default true.
    /// </summary>
    public bool WatchModelFile { get; set; } = true;

    /// <summary>True when a classifier is configured (<see cref="ClassifierPath"/> is not empty).</summary>
    public bool HasClassifier => !string.IsNullOrWhiteSpace(ClassifierPath);
}
