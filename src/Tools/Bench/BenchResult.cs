using System.Text;

namespace EcgStream.Tools.Bench;

/// <summary>One run of the detector bench.</summary>
/// <param name="WithClassifier">True when the detector typed every beat with the classifier.</param>
/// <param name="ThroughputBeatsPerSecond">Decisions per second while the producer sent as fast as it could.</param>
/// <param name="LatencyP50Ms">Median end-to-end latency at the offered rate.</param>
/// <param name="LatencyP99Ms">99th percentile end-to-end latency at the offered rate.</param>
/// <param name="LatencyDecided">Decisions read in the latency phase.</param>
/// <param name="LatencyOffered">Beats sent in the latency phase.</param>
/// <param name="Sent">Beats sent in all phases (warm-up included).</param>
/// <param name="DistinctDecided">Distinct beat ids decided in all phases.</param>
/// <param name="Repeats">Decisions for a beat id already decided.</param>
/// <param name="Typed">Decisions that carried a predicted beat type.</param>
/// <param name="BeatsPerCpuSecond">Throughput-phase decisions per CPU-second of the whole process (broker, producer, detector).</param>
/// <param name="LoadAverage">The machine's 1-minute load average at the end of the run.</param>
public sealed record BenchResult(
    bool WithClassifier, double ThroughputBeatsPerSecond, double LatencyP50Ms, double LatencyP99Ms, int LatencyDecided, int LatencyOffered,
    int Sent, int DistinctDecided, int Repeats, int Typed, double BeatsPerCpuSecond, string LoadAverage)
{
    /// <summary>Every beat sent was decided, none twice, and with the classifier every decision carried a type.</summary>
    public bool EveryBeatDecidedOnce => DistinctDecided == Sent && Repeats == 0 && (!WithClassifier || Typed == Sent);

    /// <summary>The run as a Markdown table.</summary>
    public string ToTable()
    {
        var table = new StringBuilder();
        table.AppendLine($"| measure                                   | value        | target      |");
        table.AppendLine($"|-------------------------------------------|--------------|-------------|");
        table.AppendLine($"| classifier                                | {(WithClassifier ? "on" : "off"),-12} |             |");
        table.AppendLine($"| sustained throughput through Kafka        | {ThroughputBeatsPerSecond,8:F0} b/s | >= 2000 b/s |");
        table.AppendLine($"| end-to-end p50 at 500 beats/s             | {LatencyP50Ms,9:F1} ms |             |");
        table.AppendLine($"| end-to-end p99 at 500 beats/s             | {LatencyP99Ms,9:F1} ms | <= {BenchCommand.LatencyP99TargetMs:F0} ms    |");
        table.AppendLine($"| beats decided / sent (latency phase)      | {LatencyDecided,5} / {LatencyOffered,-5} |             |");
        table.AppendLine($"| distinct beats decided / sent (all)       | {DistinctDecided,5} / {Sent,-5} | all, once   |");
        table.AppendLine($"| repeated decisions; typed decisions       | {Repeats,5}; {Typed,-5} |             |");
        table.AppendLine($"| pipeline cost (throughput phase)          | {BeatsPerCpuSecond,6:F0} b/cpu-s |             |");
        table.AppendLine($"| cores; load average at the end            | {Environment.ProcessorCount,2}; {LoadAverage,-8} |             |");
        return table.ToString();
    }
}
