using EcgStream.Detector.Telemetry;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Web;

/// <summary>Samples <see cref="DetectorMetrics.Totals"/> at a fixed interval and keeps the last few minutes of rates and latency
/// quantiles for the live page's charts.</summary>
public sealed class LiveTimeline(DetectorMetrics metrics, IOptions<TelemetryOptions> options, TimeProvider? timeProvider = null) : BackgroundService
{
    /// <summary>Clock for sampling; the system clock unless a test gives another.</summary>
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    /// <summary>Interval between points.</summary>
    private readonly TimeSpan _interval = options.Value.LiveSampleInterval;
    /// <summary>Most points kept: the history divided by the interval.</summary>
    private readonly int _capacity = (int)Math.Max(1, options.Value.LiveHistory / options.Value.LiveSampleInterval);
    /// <summary>Kept points, oldest first.</summary>
    private readonly Queue<LivePoint> _points = new();
    /// <summary>Guards <see cref="_points"/>: the sampler writes while page requests read.</summary>
    private readonly Lock _lock = new();
    /// <summary>Totals at the previous sample, and when it was taken.</summary>
    private (DetectorTotals Totals, long Timestamp)? _previous;

    /// <summary>The kept points, oldest first.</summary>
    public IReadOnlyList<LivePoint> Points()
    {
        lock (_lock) return [.. _points];
    }

    /// <summary>Takes one sample now: the rates since the previous sample and the latency quantiles of the beats finished since then.</summary>
    public void Sample()
    {
        var totals = metrics.Totals();
        long now = _time.GetTimestamp();
        if (_previous is not { } previous)
        {
            // The first sample only sets the baseline: rates need two.
            _previous = (totals, now);
            return;
        }
        _previous = (totals, now);

        double seconds = _time.GetElapsedTime(previous.Timestamp, now).TotalSeconds;
        if (seconds <= 0) return;
        var latencyCounts = totals.LatencyBucketCounts.Zip(previous.Totals.LatencyBucketCounts, (a, b) => a - b).ToArray();
        var point = new LivePoint(
            _time.GetUtcNow(),
            (totals.Consumed - previous.Totals.Consumed) / seconds,
            (totals.Scored - previous.Totals.Scored) / seconds,
            (totals.Anomalous - previous.Totals.Anomalous) / seconds,
            Quantile(0.5, latencyCounts),
            Quantile(0.99, latencyCounts));
        lock (_lock)
        {
            _points.Enqueue(point);
            while (_points.Count > _capacity) _points.Dequeue();
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        Sample();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) Sample();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: nothing to flush, the timeline lives in memory only.
        }
    }

    private static double? Quantile(double q, long[] counts)
    {
        double value = HistogramQuantile.Estimate(q, DetectorMetrics.LatencyBucketsSeconds, counts);
        return double.IsNaN(value) ? null : value;
    }
}
