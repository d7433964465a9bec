using System.Diagnostics.Metrics;
using EcgStream.Detector.Scoring;
using EcgStream.Detector.Telemetry;
using EcgStream.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Tests.Scoring;

public sealed class ModelReloaderTests : IDisposable
{
    private readonly ModelFiles _files = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly DetectorMetrics _metrics;
    private readonly ActiveModel _active;
    private readonly CapturingLogger<ModelReloader> _log = new();
    private readonly ModelReloader _reloader;

    public ModelReloaderTests()
    {
        _metrics = new DetectorMetrics(_services.GetRequiredService<IMeterFactory>());
        _files.Write("v1");
        var options = new EngineOptions { ModelPath = _files.ModelPath, ClassifierPath = "", Device = "cpu", Threads = 1 };
        _active = new ActiveModel(ScoringModelLoader.Load(options, out _), _metrics, NullLogger<ActiveModel>.Instance);
        _reloader = new ModelReloader(_active, Options.Create(options), _log);
    }

    [Fact]
    public async Task ModelReloader_OffersTheNewFile_WhenItIsAValidModel()
    {
        _files.Write("v2", threshold: 7f);

        var result = await _reloader.ReloadAsync();

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal("v2", result.ModelVersion);
        var next = _active.ForNextBatch();
        Assert.Equal(("v2", 7f), (next.Metadata.ModelVersion, next.Metadata.Threshold));
    }

    [Fact]
    public async Task ModelReloader_RefusesACorruptFile_WithAnErrorLogLine_AndTheOldModelKeepsServing()
    {
        _files.WriteCorrupt();

        var result = await _reloader.ReloadAsync();

        Assert.False(result.Accepted);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.Equal("v1", _active.ForNextBatch().Metadata.ModelVersion);
        var (level, message) = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains("refused", message);
        Assert.Contains(_files.ModelPath, message);
        Assert.Contains("still serving model v1", message);
    }

    [Fact]
    public async Task ModelReloader_RefusesAMissingFile_AndTheOldModelKeepsServing()
    {
        File.Delete(_files.ModelPath);

        var result = await _reloader.ReloadAsync();

        Assert.False(result.Accepted);
        Assert.Equal("v1", _active.ForNextBatch().Metadata.ModelVersion);
    }

    [Fact]
    public async Task ModelReloader_RefusesAModelOfAnotherBeatLength_AndTheOldModelKeepsServing()
    {
        _files.Write("v2-short", shape: new AutoencoderShape(100, 1, 8, 16));

        var result = await _reloader.ReloadAsync();

        Assert.False(result.Accepted);
        Assert.Contains("100 samples per beat", result.Reason);
        Assert.Equal("v1", _active.ForNextBatch().Metadata.ModelVersion);
    }

    [Fact]
    public async Task ModelReloader_RefusesAModelWithAnInfiniteThreshold()
    {
        _files.Write("v2-inf", threshold: float.PositiveInfinity);

        var result = await _reloader.ReloadAsync();

        Assert.False(result.Accepted);
        Assert.Equal("v1", _active.ForNextBatch().Metadata.ModelVersion);
    }

    [Fact]
    public async Task ModelReloader_SetsTheEngineInfoGauge_ToTheNewVersion_WhenTheNextBatchTakesIt()
    {
        _files.Write("v2");
        await _reloader.ReloadAsync();

        string? before = ReportedVersion();
        _active.ForNextBatch();
        string? after = ReportedVersion();

        Assert.Null(before);   // nothing set it yet in this test: the detector sets it at start-up
        Assert.Equal("v2", after);
    }

    /// <summary>The model_version label of this test's ecgstream.engine.info gauge, or null when it reports nothing.</summary>
    private string? ReportedVersion()
    {
        string? version = null;
        var factory = _services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == "ecgstream.engine.info") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<int>((_, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "model_version") version = tag.Value as string;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return version;
    }

    public void Dispose()
    {
        _reloader.Dispose();
        _active.Dispose();
        _metrics.Dispose();
        _services.Dispose();
        _files.Dispose();
    }
}
