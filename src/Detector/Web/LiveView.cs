using EcgStream.Detector.Telemetry;

namespace EcgStream.Detector.Web;

/// <summary>What /api/live returns to the live page in one poll.</summary>
/// <param name="Now">Server time of the response.</param>
/// <param name="Ready">Whether /readyz would answer ready.</param>
/// <param name="Totals">Counts since start.</param>
/// <param name="Points">Chart points, oldest first.</param>
/// <param name="Anomalies">Recent anomalies newer than the sequence the page asked after, newest first.</param>
public sealed record LiveView(
    DateTimeOffset Now, bool Ready, LiveTotals Totals, IReadOnlyList<LivePoint> Points, IReadOnlyList<NumberedAnomaly> Anomalies);
