namespace EcgStream.Detector.Web;

/// <summary>One point of the live page's charts: rates and latency over one sample interval.</summary>
/// <param name="Time">End of the interval.</param>
/// <param name="ConsumedPerSecond">Beats consumed per second.</param>
/// <param name="ScoredPerSecond">Beats scored per second.</param>
/// <param name="AnomaliesPerSecond">Anomalies per second.</param>
/// <param name="LatencyP50Seconds">Median end-to-end latency in the interval; null when no beat finished.</param>
/// <param name="LatencyP99Seconds">99th percentile end-to-end latency in the interval; null when no beat finished.</param>
public sealed record LivePoint(
    DateTimeOffset Time, double ConsumedPerSecond, double ScoredPerSecond, double AnomaliesPerSecond,
    double? LatencyP50Seconds, double? LatencyP99Seconds);
