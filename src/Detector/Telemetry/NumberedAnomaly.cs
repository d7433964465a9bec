namespace EcgStream.Detector.Telemetry;

/// <summary>An anomaly with its sequence number in <see cref="RecentAnomalies"/> (1 for the first ever added), so a page can ask for newer ones only.</summary>
/// <param name="Sequence">Position in the order of adding, from 1.</param>
/// <param name="Anomaly">The anomaly.</param>
public sealed record NumberedAnomaly(long Sequence, AnomalySnapshot Anomaly);
