using EcgStream.Model.Serialization;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Tests.Support;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Tests.Shipped;

/// <summary>The committed default model (models/) against the figures committed with it.</summary>
public sealed class DefaultModelTests
{
    [Ecg5000Fact]
    public void Evaluate_ReproducesTheCommittedMetricsJson_Exactly()
    {
        using var folder = new TempFolder();
        string metrics = folder.File("metrics.json");

        var run = TrainerRun.Of(["evaluate", "--model", RepositoryPaths.DefaultModel, "--data", RepositoryPaths.Ecg5000, "--out", metrics]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllText(RepositoryPaths.DefaultMetrics), File.ReadAllText(metrics));
    }

    [Fact]
    public void CommittedModel_CarriesTheThresholdOfItsMetrics_AndItsProvenance()
    {
        var model = ModelFile.Load(RepositoryPaths.DefaultModel);
        var metrics = MetricsFile.Read(RepositoryPaths.DefaultMetrics);

        Assert.Equal(metrics.Threshold, model.Metadata.Threshold);
        Assert.Equal(metrics.ModelVersion, model.Metadata.ModelVersion);
        Assert.Equal("seed", model.Metadata.Provenance[ProvenanceKeys.Protocol]);
    }
}
