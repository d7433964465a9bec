using EcgStream.Detector.Telemetry;
using EcgStream.Detector.Web;
using EcgStream.Integration.Streaming;
using Xunit.Abstractions;

namespace EcgStream.Integration.Observability;

[Collection(ObservabilityCollection.Name)]
public sealed class PrometheusScrapeTests(ITestOutputHelper output)
{
    /// <summary>Beats sent: six seconds of traffic at <see cref="BeatsPerSecond"/>.</summary>
    private const int BeatCount = 1200;
    /// <summary>Rate the beats are sent at.</summary>
    private const double BeatsPerSecond = 200;

    [SystemToolFact(PrometheusServer.ExecutablePath)]
    public async Task Prometheus_SeesRateCountAndLatencyOfBeatsSent_WhileTheDetectorRuns()
    {
        var beats = SyntheticTestBeats.Create(BeatCount, patients: 8);
        await using var detector = await RunningDetector.StartAsync(beats);
        await using var prometheus = await PrometheusServer.StartAsync(detector.BaseAddress.Authority);
        await prometheus.WaitForTargetUpAsync(TimeSpan.FromSeconds(15));
        var receiving = Task.Run(() => detector.ReceiveDecisions(BeatCount, TimeSpan.FromSeconds(40)));

        var sendStarted = DateTimeOffset.UtcNow;
        var sent = await detector.SendAsync(beats, BeatsPerSecond);
        var sendFinished = DateTimeOffset.UtcNow;
        var received = await receiving;
        await prometheus.WaitForValueAsync("ecgstream_end_to_end_latency_seconds_count", BeatCount, TimeSpan.FromSeconds(10));
        double? scored = await prometheus.QueryScalarAsync("ecgstream_beats_scored_total");
        double? rate = await prometheus.QueryScalarAsync("rate(ecgstream_beats_scored_total[4s])", sendFinished - TimeSpan.FromSeconds(1));
        double? median = await prometheus.QueryScalarAsync(
            "histogram_quantile(0.5, sum by (le) (ecgstream_end_to_end_latency_seconds_bucket))");
        double? p99 = await prometheus.QueryScalarAsync(
            "histogram_quantile(0.99, sum by (le) (ecgstream_end_to_end_latency_seconds_bucket))");

        double sentPerSecond = BeatCount / (sendFinished - sendStarted).TotalSeconds;
        output.WriteLine($"sent {sentPerSecond:F1}/s; Prometheus: rate {rate:F1}/s, p50 {median * 1000:F2} ms, p99 {p99 * 1000:F2} ms");
        Assert.Equal(BeatCount, received.Count);
        Assert.Equal(BeatCount, scored);
        Assert.NotNull(rate);
        Assert.InRange(rate.Value, sentPerSecond * 0.75, sentPerSecond * 1.25);
        // The detector's latency of a beat (decision time - send stamp) is below what the test saw (its decision read back - send
        // stamp), so Prometheus's p99 lies at most at the bound of the bucket holding the slowest beat the test saw.
        double slowestSeenSeconds = received.Max(r => (r.Value - sent[r.Key]).TotalSeconds);
        double slowestBucketBound = DetectorMetrics.LatencyBucketsSeconds.FirstOrDefault(b => b >= slowestSeenSeconds, double.PositiveInfinity);
        Assert.NotNull(median);
        Assert.NotNull(p99);
        Assert.InRange(median.Value, 0, p99.Value);
        Assert.InRange(p99.Value, 0, slowestBucketBound);
        // And Prometheus's quantile over everything it stored equals the one computed from the detector's own counts.
        double ownMedian = HistogramQuantile.Estimate(0.5, DetectorMetrics.LatencyBucketsSeconds, detector.Metrics.Totals().LatencyBucketCounts);
        Assert.Equal(ownMedian, median.Value, 9);
    }
}
