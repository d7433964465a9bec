using System.Diagnostics.Metrics;
using EcgStream.Detector.Telemetry;
using EcgStream.Detector.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Tests.Telemetry;

public sealed class LiveTimelineTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ManualClock _clock = new();
    private readonly DetectorMetrics _metrics;

    public LiveTimelineTests()
    {
        _metrics = new DetectorMetrics(_services.GetRequiredService<IMeterFactory>());
    }

    [Fact]
    public void Sample_ComputesRatesAndQuantiles_OverTheInterval()
    {
        var timeline = Timeline(history: TimeSpan.FromMinutes(1));
        timeline.Sample();
        for (int i = 0; i < 10; i++) _metrics.RecordBatch(10, TimeSpan.FromMilliseconds(2));
        _metrics.RecordAnomalous(4);
        for (int i = 0; i < 100; i++) _metrics.RecordEndToEndLatency(TimeSpan.FromMilliseconds(3));
        _clock.Advance(TimeSpan.FromSeconds(2));

        timeline.Sample();

        var point = Assert.Single(timeline.Points());
        Assert.Equal(50, point.ScoredPerSecond, 9);
        Assert.Equal(2, point.AnomaliesPerSecond, 9);
        // All 100 latencies are in the (2.5 ms, 5 ms] bucket: the median interpolates to its middle.
        Assert.Equal(0.00375, point.LatencyP50Seconds!.Value, 9);
    }

    [Fact]
    public void Sample_KeepsOnlyTheHistory_DroppingOldestPoints()
    {
        var timeline = Timeline(history: TimeSpan.FromSeconds(3));

        for (int i = 0; i < 10; i++)
        {
            _metrics.RecordConsumed(i);
            timeline.Sample();
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([7.0, 8.0, 9.0], timeline.Points().Select(p => p.ConsumedPerSecond));
        Assert.All(timeline.Points(), p => Assert.Null(p.LatencyP50Seconds));
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
    }

    private LiveTimeline Timeline(TimeSpan history) => new(_metrics,
        Options.Create(new TelemetryOptions { LiveHistory = history, LiveSampleInterval = TimeSpan.FromSeconds(1) }), _clock);

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(_ticks);
    }
}
