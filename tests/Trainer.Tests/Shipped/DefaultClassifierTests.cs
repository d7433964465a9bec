using EcgStream.Model.Serialization;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Tests.Support;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Tests.Shipped;

/// <summary>The committed beat classifier (models/) against the figures committed with it.</summary>
public sealed class DefaultClassifierTests
{
    [Ecg5000Fact]
    public void EvaluateClassifier_ReproducesTheCommittedMetricsJson_Exactly()
    {
        using var folder = new TempFolder();
        string metrics = folder.File("classifier-metrics.json");

        var run = TrainerRun.Of(["evaluate-classifier", "--model", RepositoryPaths.DefaultClassifier, "--data", RepositoryPaths.Ecg5000, "--out", metrics]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllText(RepositoryPaths.DefaultClassifierMetrics), File.ReadAllText(metrics));
    }

    [Fact]
    public void CommittedClassifier_IsTrainedOnTheSeedProtocol_AndCarriesItsTestFigures()
    {
        var model = ClassifierFile.Load(RepositoryPaths.DefaultClassifier);
        var metrics = ClassificationMetricsFile.Read(RepositoryPaths.DefaultClassifierMetrics);

        Assert.Equal(metrics.ModelVersion, model.Metadata.ModelVersion);
        Assert.Equal("seed", model.Metadata.Provenance[ProvenanceKeys.Protocol]);
        Assert.Equal("test", metrics.Split);
        Assert.Equal(1259, metrics.Beats);
        Assert.Equal(metrics.Accuracy.ToString("F4", System.Globalization.CultureInfo.InvariantCulture), model.Metadata.Provenance[ProvenanceKeys.TestPrefix + "accuracy"]);
    }
}
