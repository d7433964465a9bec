namespace EcgStream.Detector.Consuming;

/// <summary>Which topics the detector reads and writes, and its consumer group. Configuration section "Topics".</summary>
public sealed class TopicsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Topics";

    /// <summary>Input: key = patient id (UTF-8), value = beat window JSON (schemas/beat-window.schema.json). Default "ecg.beats".</summary>
    public string Beats { get; set; } = "ecg.beats";

    /// <summary>Output: key = patient id, value = anomaly event JSON (schemas/anomaly-event.schema.json), one per anomalous beat. Default "ecg.anomalies".</summary>
    public string Anomalies { get; set; } = "ecg.anomalies";

    /// <summary>Optional output: key = patient id, value = scored beat JSON (schemas/scored-beat.schema.json), one per beat. Default null: not written.</summary>
    public string? Scores { get; set; }

    /// <summary>Dead letters: key = the original key, value = dead-letter JSON (schemas/dead-letter.schema.json). Default "ecg.beats.dlq".</summary>
    public string DeadLetters { get; set; } = "ecg.beats.dlq";

    /// <summary>Consumer group the detector joins; processes in one group share the partitions. Default "ecgstream-detector".</summary>
    public string ConsumerGroup { get; set; } = "ecgstream-detector";
}
