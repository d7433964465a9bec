using EcgStream.Detector.Scoring;
using EcgStream.Detector.Telemetry;
using EcgStream.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcgStream.Detector.Tests.Scoring;

public sealed class ActiveModelTests : IDisposable
{
    private readonly ModelFiles _files = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly DetectorMetrics _metrics;

    public ActiveModelTests() => _metrics = new DetectorMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    private ScoringModel Load(string version, AutoencoderShape? shape = null)
    {
        string path = Path.Combine(Path.GetDirectoryName(_files.ModelPath)!, $"{version}.safetensors");
        _files.Write(version, shape: shape, path: path);
        return ScoringModelLoader.Load(new EngineOptions { ModelPath = path, ClassifierPath = "", Device = "cpu", Threads = 1 }, out _);
    }

    [Fact]
    public void ActiveModel_KeepsServingCurrentModel_UntilTheNextBatch()
    {
        using var active = new ActiveModel(Load("v1"), _metrics, NullLogger<ActiveModel>.Instance);

        active.Offer(Load("v2"));

        Assert.Equal("v1", active.ServingVersion);
        Assert.Equal("v2", active.ForNextBatch().Metadata.ModelVersion);
        Assert.Equal("v2", active.ServingVersion);
        Assert.Equal("v2", active.ForNextBatch().Metadata.ModelVersion);
    }

    [Fact]
    public void ActiveModel_DisposesTheReplacedEngine_WhenTheNextBatchTakesTheNewModel()
    {
        var first = Load("v1");
        using var active = new ActiveModel(first, _metrics, NullLogger<ActiveModel>.Instance);
        active.Offer(Load("v2"));

        active.ForNextBatch();

        Assert.Throws<ObjectDisposedException>(() => first.Engine.Score(new float[140], 1, first.Metadata.ErrorMetric, new float[1]));
    }

    [Fact]
    public void ActiveModel_DisposesAnUnusedOffer_WhenANewerOneArrives()
    {
        using var active = new ActiveModel(Load("v1"), _metrics, NullLogger<ActiveModel>.Instance);
        var unused = Load("v2");

        active.Offer(unused);
        active.Offer(Load("v3"));

        Assert.Equal("v3", active.ForNextBatch().Metadata.ModelVersion);
        Assert.Throws<ObjectDisposedException>(() => unused.Engine.Score(new float[140], 1, unused.Metadata.ErrorMetric, new float[1]));
    }

    [Fact]
    public void ActiveModel_Rejects_ModelWithAnotherBeatLength()
    {
        using var active = new ActiveModel(Load("v1"), _metrics, NullLogger<ActiveModel>.Instance);
        using var shorter = Load("short", new AutoencoderShape(100, 1, 8, 16));

        Assert.Throws<ArgumentException>(() => active.Offer(shorter));
        Assert.Equal("v1", active.ForNextBatch().Metadata.ModelVersion);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
        _files.Dispose();
    }
}
