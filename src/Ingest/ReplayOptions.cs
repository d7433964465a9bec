using EcgStream.Ingest.Replay;
using EcgStream.Ingest.Sources;
using EcgStream.Kafka;

namespace EcgStream.Ingest;

/// <summary>What <c>replay</c> sends, where and how fast; filled from the command line by <see cref="ReplayArguments"/>.</summary>
public sealed class ReplayOptions
{
    /// <summary>Anomalous share of synthetic beats when none is given.</summary>
    public const double DefaultSyntheticAnomalyFraction = 0.2;

    /// <summary>ECG5000 folder (ECG5000_TEST.txt is replayed); null for synthetic beats. Default null.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Topic the beats go to. Default "ecg.beats", the detector's input.</summary>
    public string Topic { get; set; } = "ecg.beats";

    /// <summary>Number of simulated patients (message keys). Default 16.</summary>
    public int Patients { get; set; } = 16;

    /// <summary>How fast beats are sent. Default: real time, each patient at their own heart rate.</summary>
    public ReplayPace Pace { get; set; } = ReplayPace.RealTime;

    /// <summary>Stop after this many beats; null: when the source runs dry or on Ctrl-C. Default null.</summary>
    public long? Limit { get; set; }

    /// <summary>Start ECG5000 again from its first row after the last. Default false.</summary>
    public bool Loop { get; set; }

    /// <summary>Share of anomalous beats; null: ECG5000 rows in file order, or <see cref="DefaultSyntheticAnomalyFraction"/> for synthetic beats.</summary>
    public double? AnomalyFraction { get; set; }

    /// <summary>Seed of the patients' rhythms, the synthetic beats and the drawing of ECG5000 rows. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Client settings (Kafka:* keys, --bootstrap).</summary>
    public KafkaOptions Kafka { get; } = new();

    /// <summary>The beat source these options name; throws <c>Ecg5000FormatException</c> when the data are missing or malformed.</summary>
    public IBeatSource CreateSource() => DataDirectory is { } directory
        ? new Ecg5000BeatSource(directory, AnomalyFraction, Loop, Seed)
        : new SyntheticBeatSource(AnomalyFraction ?? DefaultSyntheticAnomalyFraction, Seed);
}
