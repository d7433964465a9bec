namespace EcgStream.Integration.Observability;

[Collection(ObservabilityCollection.Name)]
public sealed class PrometheusScrapeTests
{
    /// <summary>Beats per batch in the fed flow.</summary>
    private const int BatchSize = 10;
    /// <summary>Interval between batches: 10 beats every 50 ms is 200 beats/s.</summary>
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(50);
    /// <summary>Latency recorded for every beat; inside the (2.5 ms, 5 ms] bucket.</summary>
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(3);

    [SystemToolFact(PrometheusServer.ExecutablePath)]
    public async Task Prometheus_SeesRateAndLatencyQuantile_OfBeatsSent()
    {
        await using var host = await TelemetryHost.StartAsync();
        await using var prometheus = await PrometheusServer.StartAsync(host.BaseAddress.Authority);
        await prometheus.WaitForTargetUpAsync(TimeSpan.FromSeconds(15));

        int sent = 0;
        var started = DateTimeOffset.UtcNow;
        using (var timer = new PeriodicTimer(BatchInterval))
        {
            while (DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(6) && await timer.WaitForNextTickAsync())
            {
                host.Metrics.RecordConsumed(BatchSize);
                host.Metrics.RecordBatch(BatchSize, TimeSpan.FromMilliseconds(2));
                for (int i = 0; i < BatchSize; i++) host.Metrics.RecordEndToEndLatency(Latency);
                sent += BatchSize;
            }
        }
        var finished = DateTimeOffset.UtcNow;
        double sentPerSecond = sent / (finished - started).TotalSeconds;
        double? scoredTotal = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline && scoredTotal != sent; await Task.Delay(250))
            scoredTotal = await prometheus.QueryScalarAsync("ecgstream_beats_scored_total");

        var middle = finished - TimeSpan.FromSeconds(1);
        double? rate = await prometheus.QueryScalarAsync("rate(ecgstream_beats_scored_total[3s])", middle);
        double? median = await prometheus.QueryScalarAsync(
            "histogram_quantile(0.5, sum by (le) (rate(ecgstream_end_to_end_latency_seconds_bucket[3s])))", middle);

        Assert.Equal(sent, scoredTotal);
        Assert.NotNull(rate);
        Assert.InRange(rate.Value, sentPerSecond * 0.75, sentPerSecond * 1.25);
        // Every latency was 3 ms, in the (2.5 ms, 5 ms] bucket: histogram_quantile interpolates the median to its middle.
        Assert.NotNull(median);
        Assert.Equal(0.00375, median.Value, 6);
    }
}
