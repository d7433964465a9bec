using EcgStream.Detector.Scoring;

namespace EcgStream.Tools.Demo;

/// <summary>What the demo replays, how fast, for how long, and with which model; from <c>demo</c>'s flags.</summary>
public sealed class DemoOptions
{
    /// <summary>Offered beats per second. Default 500, the rate of the latency target.</summary>
    public double RateBeatsPerSecond { get; set; } = 500;

    /// <summary>How long beats are sent. Default 20 s.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>ECG5000 folder to replay; null for synthetic beats. Default null.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Model file. Default the shipped models/ecg5000.safetensors.</summary>
    public string ModelPath { get; set; } = "models/ecg5000.safetensors";

    /// <summary>Beat classifier file, or "none" to run without one. Default the shipped models/ecg5000-classifier.safetensors.</summary>
    public string ClassifierPath { get; set; } = EngineOptions.ShippedClassifierPath;

    /// <summary>Simulated patients. Default 32.</summary>
    public int Patients { get; set; } = 32;

    /// <summary>Share of anomalous beats; null: the source's default (synthetic 20%, ECG5000 rows in file order).</summary>
    public double? AnomalyFraction { get; set; }

    /// <summary>"auto", "cpu" or "cuda". Default "auto".</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Seed of the beats and rhythms. Default 1.</summary>
    public int Seed { get; set; } = 1;
}
