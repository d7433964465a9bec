namespace EcgStream.Detector.Telemetry;

/// <summary>Counts since the detector started, as the live page shows them.</summary>
/// <param name="Consumed">Beats read from the input topic.</param>
/// <param name="Scored">Beats scored by the model.</param>
/// <param name="Anomalous">Scored beats above the threshold.</param>
/// <param name="DeadLettered">Messages sent to the dead-letter topic.</param>
/// <param name="Batches">Batches handed to the engine.</param>
/// <param name="LatencySumSeconds">Sum of all end-to-end latencies recorded.</param>
/// <param name="LatencyBucketCounts">End-to-end latencies per bucket of <see cref="DetectorMetrics.LatencyBucketsSeconds"/>
/// (not cumulative); one extra last element counts latencies above the largest bound.</param>
public sealed record DetectorTotals(
    long Consumed, long Scored, long Anomalous, long DeadLettered, long Batches,
    double LatencySumSeconds, IReadOnlyList<long> LatencyBucketCounts)
{
    /// <summary>Number of end-to-end latencies recorded.</summary>
    public long LatencyCount => LatencyBucketCounts.Sum();
}
