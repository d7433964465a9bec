using System.Text;

namespace EcgStream.Tools.Demo;

/// <summary>The demo's end result: what went in, what came out, how good and how fast.</summary>
/// <param name="Sent">Beats the ingest sent.</param>
/// <param name="Scored">Distinct beats the detector decided.</param>
/// <param name="Repeats">Decisions for beats already decided.</param>
/// <param name="Flagged">Beats flagged as anomalies.</param>
/// <param name="LabelledAnomalous">Decided beats whose carried label is not normal.</param>
/// <param name="TruePositives">Flagged beats labelled anomalous.</param>
/// <param name="Elapsed">From the first beat sent to the last decision read.</param>
/// <param name="LatencyP50Ms">Median end-to-end latency (ingest timestamp to decision).</param>
/// <param name="LatencyP99Ms">99th percentile end-to-end latency.</param>
/// <param name="ModelVersion">The model that decided.</param>
public sealed record DemoSummary(
    long Sent, int Scored, int Repeats, int Flagged, int LabelledAnomalous, int TruePositives, TimeSpan Elapsed,
    double LatencyP50Ms, double LatencyP99Ms, string ModelVersion)
{
    /// <summary>Predicted beat types against carried labels; null when the detector ran without a classifier.</summary>
    public BeatTypeTally? Types { get; init; }

    /// <summary>Version of the classifier that typed the beats; null without one.</summary>
    public string? ClassifierVersion { get; init; }

    /// <summary>Every beat sent was decided, and none twice.</summary>
    public bool EveryBeatScoredOnce => Scored == Sent && Repeats == 0;

    /// <summary>Share of flagged beats that were labelled anomalous; NaN when none was flagged.</summary>
    public double Precision => Flagged == 0 ? double.NaN : TruePositives / (double)Flagged;

    /// <summary>Share of labelled anomalies that were flagged; NaN when there were none.</summary>
    public double Recall => LabelledAnomalous == 0 ? double.NaN : TruePositives / (double)LabelledAnomalous;

    /// <summary>Distinct beats decided per second of <see cref="Elapsed"/>.</summary>
    public double ThroughputBeatsPerSecond => Elapsed > TimeSpan.Zero ? Scored / Elapsed.TotalSeconds : 0;

    /// <summary>Builds the summary from the tally of decisions.</summary>
    public static DemoSummary From(long sent, DemoTally tally, TimeSpan elapsed, string modelVersion, string? classifierVersion = null)
    {
        var latencies = tally.LatenciesMs.Order().ToArray();
        return new DemoSummary(sent, tally.Scored, tally.Repeats, tally.Flagged, tally.LabelledAnomalous, tally.TruePositives, elapsed,
            Percentile.Of(latencies, 0.50), Percentile.Of(latencies, 0.99), modelVersion)
        {
            Types = tally.Types.Classified > 0 ? tally.Types : null,
            ClassifierVersion = classifierVersion,
        };
    }

    /// <summary>The summary as a Markdown table; with a classifier, followed by the per-type table (predicted against labelled).</summary>
    public string ToTable()
    {
        var table = new StringBuilder();
        table.AppendLine("| measure                          | value                  |");
        table.AppendLine("|----------------------------------|------------------------|");
        Row(table, "beats sent", $"{Sent}");
        Row(table, "beats scored", $"{Scored}{(EveryBeatScoredOnce ? " (each once)" : $" ({Sent - Scored} missing, {Repeats} repeated)")}");
        Row(table, "anomalies flagged", $"{Flagged}");
        Row(table, "labelled anomalous", $"{LabelledAnomalous}");
        Row(table, "precision vs labels", $"{Precision:P1}");
        Row(table, "recall vs labels", $"{Recall:P1}");
        Row(table, "throughput", $"{ThroughputBeatsPerSecond:F0} beats/s over {Elapsed.TotalSeconds:F1} s");
        Row(table, "end-to-end latency p50", $"{LatencyP50Ms:F1} ms");
        Row(table, "end-to-end latency p99", $"{LatencyP99Ms:F1} ms");
        Row(table, "model", ModelVersion);
        if (ClassifierVersion is not null) Row(table, "classifier", ClassifierVersion);
        if (Types is { } types)
        {
            table.AppendLine();
            table.AppendLine($"Beat types ({types.Classified} beats typed by the classifier):");
            table.AppendLine();
            table.Append(types.ToTable());
        }
        return table.ToString();
    }

    private static void Row(StringBuilder table, string measure, string value) => table.AppendLine($"| {measure,-32} | {value,-22} |");
}
