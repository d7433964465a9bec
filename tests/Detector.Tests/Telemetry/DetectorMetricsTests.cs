using System.Diagnostics.Metrics;
using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace EcgStream.Detector.Tests.Telemetry;

public sealed class DetectorMetricsTests : IDisposable
{
    /// <summary>A factory of our own: its meters are told apart from other tests' by <see cref="Meter.Scope"/>.</summary>
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IMeterFactory _factory;
    private readonly DetectorMetrics _metrics;

    public DetectorMetricsTests()
    {
        _factory = _services.GetRequiredService<IMeterFactory>();
        _metrics = new DetectorMetrics(_factory);
    }

    [Fact]
    public void RecordBatch_CountsBatchOnceAndItsBeatsAsScored()
    {
        _metrics.RecordBatch(32, TimeSpan.FromMilliseconds(4));
        _metrics.RecordBatch(5, TimeSpan.FromMilliseconds(1));

        var totals = _metrics.Totals();

        Assert.Equal(2, totals.Batches);
        Assert.Equal(37, totals.Scored);
    }

    [Theory]
    [InlineData(0.0001, 0)]
    [InlineData(0.0005, 0)]    // equal to a bound: counted in that bound's bucket, as le means
    [InlineData(0.003, 3)]     // (0.0025, 0.005]
    [InlineData(60.0, 16)]     // above 10 s: the overflow bucket
    public void RecordEndToEndLatency_CountsInTheBucketHoldingTheValue(double seconds, int bucket)
    {
        _metrics.RecordEndToEndLatency(TimeSpan.FromSeconds(seconds));

        var totals = _metrics.Totals();

        Assert.Equal(1, totals.LatencyBucketCounts[bucket]);
        Assert.Equal(1, totals.LatencyCount);
        Assert.Equal(seconds, totals.LatencySumSeconds, 6);
    }

    [Fact]
    public void ConsumerLag_IsReportedPerPartition_UntilRemoved()
    {
        _metrics.SetConsumerLag("ecg.beats", 0, 12);
        _metrics.SetConsumerLag("ecg.beats", 1, 3);
        _metrics.RemoveConsumerLag("ecg.beats", 0);

        var observed = Observe("ecgstream.consumer.lag");

        var only = Assert.Single(observed);
        Assert.Equal(3, only.Value);
        Assert.Equal("1", only.Tags["partition"]);
        Assert.Equal("ecg.beats", only.Tags["topic"]);
    }

    [Fact]
    public void ObserveChannelDepth_ReadsTheCallback_OnEveryCollection()
    {
        int depth = 5;
        _metrics.ObserveChannelDepth("beats", () => depth);

        var first = Observe("ecgstream.channel.depth");
        depth = 9;
        var second = Observe("ecgstream.channel.depth");

        Assert.Equal(5, Assert.Single(first).Value);
        Assert.Equal(9, Assert.Single(second).Value);
    }

    [Fact]
    public void EngineInfo_ReportsOneWithLabels_OnlyOnceSet()
    {
        var before = Observe("ecgstream.engine.info");
        _metrics.SetEngine("cpu", "avx512", "ecg5000-seed-1", "lstm-ae");

        var after = Assert.Single(Observe("ecgstream.engine.info"));

        Assert.Empty(before);
        Assert.Equal(1, after.Value);
        Assert.Equal("cpu", after.Tags["device"]);
        Assert.Equal("avx512", after.Tags["engine"]);
        Assert.Equal("ecg5000-seed-1", after.Tags["model_version"]);
        Assert.Equal("lstm-ae", after.Tags["architecture"]);
    }

    [Fact]
    public void RecordAnomalyType_CountsAnomaliesUnderThePredictedTypeName_WhenBeatTypesAreEnabled()
    {
        _metrics.EnableBeatTypes();

        _metrics.RecordAnomalyType(BeatType.Of(BeatClass.Pvc));
        _metrics.RecordAnomalyType(BeatType.Of(BeatClass.Pvc));
        _metrics.RecordAnomalyType(BeatType.Of(BeatClass.RonTPvc));
        var observed = Observe("ecgstream.anomalies.by_type");

        var byType = observed.ToDictionary(m => m.Tags["type"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, double> { ["Normal"] = 0, ["R-on-T PVC"] = 1, ["PVC"] = 2, ["SP/EB"] = 0, ["Unclassified"] = 0 }, byType);
        Assert.All(observed, m => Assert.Equal(["type"], m.Tags.Keys));
    }

    [Fact]
    public void AnomaliesByType_ReportsNothing_WhenNoClassifierEnabledIt()
    {
        _metrics.RecordAnomalyType(BeatType.Of(BeatClass.Pvc));

        var observed = Observe("ecgstream.anomalies.by_type");

        Assert.Empty(observed);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
    }

    /// <summary>Collects the observable instrument <paramref name="name"/> of this test's meter once.</summary>
    private List<(double Value, Dictionary<string, string?> Tags)> Observe(string name)
    {
        var seen = new List<(double, Dictionary<string, string?>)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, _factory) && instrument.Name == name) l.EnableMeasurementEvents(instrument);
        };
        void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var map = new Dictionary<string, string?>();
            foreach (var tag in tags) map[tag.Key] = tag.Value?.ToString();
            seen.Add((value, map));
        }
        listener.SetMeasurementEventCallback<int>((_, v, tags, _) => Record(v, tags));
        listener.SetMeasurementEventCallback<long>((_, v, tags, _) => Record(v, tags));
        listener.SetMeasurementEventCallback<double>((_, v, tags, _) => Record(v, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
