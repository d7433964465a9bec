namespace EcgStream.Detector.Web;

/// <summary>Counts since start as the live page shows them.</summary>
/// <param name="Consumed">Beats read from the input topic.</param>
/// <param name="Scored">Beats scored.</param>
/// <param name="Anomalous">Beats above the threshold.</param>
/// <param name="DeadLettered">Messages dead-lettered.</param>
/// <param name="Batches">Batches run.</param>
/// <param name="MeanLatencySeconds">Mean end-to-end latency since start; null before the first beat finishes.</param>
public sealed record LiveTotals(long Consumed, long Scored, long Anomalous, long DeadLettered, long Batches, double? MeanLatencySeconds);
