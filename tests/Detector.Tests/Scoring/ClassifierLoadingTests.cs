using System.Diagnostics.Metrics;
using EcgStream.Detector.Scoring;
using EcgStream.Detector.Telemetry;
using EcgStream.Model.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Tests.Scoring;

/// <summary>The classifier beside the model: loaded with it, refused with a clear error naming the file, reloaded with it.</summary>
public sealed class ClassifierLoadingTests : IDisposable
{
    private readonly ModelFiles _files = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly DetectorMetrics _metrics;
    private readonly CapturingLogger<ModelReloader> _log = new();

    public ClassifierLoadingTests()
    {
        _metrics = new DetectorMetrics(_services.GetRequiredService<IMeterFactory>());
        _files.Write("v1");
        _files.WriteClassifier("c1");
    }

    private EngineOptions Options(string? classifierPath = null) =>
        new() { ModelPath = _files.ModelPath, ClassifierPath = classifierPath ?? _files.ClassifierPath, Device = "cpu", Threads = 1 };

    [Fact]
    public void ScoringModelLoader_LoadsTheClassifierBesideTheModel_WhenClassifierPathIsSet()
    {
        using var model = ScoringModelLoader.Load(Options(), out _);

        Assert.NotNull(model.Classifier);
        Assert.Equal("c1", model.Classifier.Version);
        Assert.Equal(140, model.Classifier.Classifier.SamplesPerBeat);
        Assert.Equal(5, model.Classifier.Classifier.ClassCount);
    }

    [Fact]
    public void ScoringModelLoader_LoadsNoClassifier_WhenClassifierPathIsEmpty()
    {
        using var model = ScoringModelLoader.Load(Options(classifierPath: ""), out _);

        Assert.Null(model.Classifier);
    }

    [Fact]
    public void ScoringModelLoader_ThrowsNamingTheFile_WhenTheClassifierFileIsMissing()
    {
        File.Delete(_files.ClassifierPath);

        var error = Assert.Throws<ModelFileException>(() => ScoringModelLoader.Load(Options(), out _));

        Assert.Equal(_files.ClassifierPath, error.FilePath);
        Assert.Contains(_files.ClassifierPath, error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Contains("Engine:ClassifierPath", error.Message);
    }

    [Fact]
    public void ScoringModelLoader_ThrowsNamingTheFile_WhenTheClassifierFileIsCorrupt()
    {
        _files.WriteCorruptClassifier();

        var error = Assert.Throws<ModelFileException>(() => ScoringModelLoader.Load(Options(), out _));

        Assert.Contains(_files.ClassifierPath, error.Message);
    }

    [Fact]
    public void ScoringModelLoader_ThrowsNamingTheFile_WhenTheClassifierPathHoldsAnAutoencoder()
    {
        var error = Assert.Throws<ModelFileException>(() => ScoringModelLoader.Load(Options(classifierPath: _files.ModelPath), out _));

        Assert.Contains(_files.ModelPath, error.Message);
    }

    [Fact]
    public void ScoringModelLoader_ThrowsNamingTheFile_WhenTheClassifierTakesAnotherBeatLength()
    {
        _files.WriteClassifier("c-short", sequenceLength: 100);

        var error = Assert.Throws<ModelFileException>(() => ScoringModelLoader.Load(Options(), out _));

        Assert.Contains(_files.ClassifierPath, error.Message);
        Assert.Contains("100 samples per beat", error.Message);
    }

    [Fact]
    public void ScoringModelLoader_FindsTheShippedClassifier_WhenThePathIsTheDefault()
    {
        var options = Options(classifierPath: EngineOptions.ShippedClassifierPath);

        // Found above the working directory or the binary, as the demo finds the shipped model.
        using var shipped = ScoringModelLoader.LoadClassifier(options, 140);

        Assert.EndsWith(Path.Combine("models", "ecg5000-classifier.safetensors"), shipped!.Path);
    }

    [Fact]
    public async Task ModelReloader_OffersTheNewClassifier_WhenTheClassifierFileIsValid()
    {
        using var active = new ActiveModel(ScoringModelLoader.Load(Options(), out _), _metrics, NullLogger<ActiveModel>.Instance);
        using var reloader = new ModelReloader(active, Microsoft.Extensions.Options.Options.Create(Options()), _log);
        _files.WriteClassifier("c2", seed: 7);

        var result = await reloader.ReloadAsync();

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal("c2", result.ClassifierVersion);
        Assert.Equal("c2", active.ForNextBatch().Classifier!.Version);
        Assert.Equal("c2", active.ServingClassifierVersion);
    }

    [Fact]
    public async Task ModelReloader_RefusesACorruptClassifierFile_NamingIt_AndTheOldModelAndClassifierKeepServing()
    {
        using var active = new ActiveModel(ScoringModelLoader.Load(Options(), out _), _metrics, NullLogger<ActiveModel>.Instance);
        using var reloader = new ModelReloader(active, Microsoft.Extensions.Options.Options.Create(Options()), _log);
        _files.Write("v2");
        _files.WriteCorruptClassifier();

        var result = await reloader.ReloadAsync();

        Assert.False(result.Accepted);
        Assert.Contains(_files.ClassifierPath, result.Reason);
        Assert.Equal("c1", result.ServingClassifierVersion);
        var next = active.ForNextBatch();
        Assert.Equal(("v1", "c1"), (next.Metadata.ModelVersion, next.Classifier!.Version));
        var (level, message) = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains($"refused, {_files.ClassifierPath}", message);
        Assert.Contains("still serving model v1", message);
    }

    [Fact]
    public async Task ModelReloader_RefusesAMissingClassifierFile_AndTheOldClassifierKeepsServing()
    {
        using var active = new ActiveModel(ScoringModelLoader.Load(Options(), out _), _metrics, NullLogger<ActiveModel>.Instance);
        using var reloader = new ModelReloader(active, Microsoft.Extensions.Options.Options.Create(Options()), _log);
        File.Delete(_files.ClassifierPath);

        var result = await reloader.ReloadAsync();

        Assert.False(result.Accepted);
        Assert.Equal("c1", active.ForNextBatch().Classifier!.Version);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
        _files.Dispose();
    }
}
