using EcgStream.Model;
using EcgStream.Model.Serialization;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Report;
using EcgStream.Trainer.Tests.Support;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Tests.Training;

/// <summary><c>train --arch dense-ae</c>, then <c>evaluate</c> and <c>report</c> on its file, on the small synthetic data set.</summary>
public sealed class DenseTrainCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public DenseTrainCommandTests() => SyntheticEcg5000.WriteFiles(_folder.Path);

    public void Dispose() => _folder.Dispose();

    private string ModelPath => _folder.File("out/dense.safetensors");

    private TrainerRun Train(params string[] extra) =>
        TrainerRun.Of(["train", "--arch", "dense-ae", "--data", _folder.Path, "--out", ModelPath, "--batch-size", "16", .. extra]);

    [Theory]
    [InlineData("mse")]
    [InlineData("l1")]
    public void TrainDense_LowersTheLoss_AndWritesADenseModelFile(string loss)
    {
        var run = Train("--epochs", "6", "--loss", loss);

        Assert.Equal(0, run.ExitCode);
        var model = Assert.IsType<DenseAutoencoderModel>(ModelFile.LoadAny(ModelPath));
        var trainLoss = ReportBuilder.Curve(model.Metadata.Provenance, ProvenanceKeys.TrainLossCurve);
        Assert.Equal(6, trainLoss.Count);
        Assert.True(trainLoss[^1] < trainLoss[0], $"training loss did not fall: {string.Join(", ", trainLoss)}");
        Assert.True(float.IsFinite(model.Metadata.Threshold));
        Assert.Equal("dense-ae", model.Metadata.Provenance[ProvenanceKeys.Architecture]);
        Assert.Contains("dense-ae", run.Output);
    }

    [Fact]
    public void EvaluateAndReport_ReadADenseModel_AndAgreeWithTrain()
    {
        Train("--epochs", "2");
        string metricsPath = _folder.File("again.json");
        string reportPath = _folder.File("again.html");

        var evaluate = TrainerRun.Of(["evaluate", "--model", ModelPath, "--data", _folder.Path, "--device", "cuda", "--out", metricsPath]);
        var report = TrainerRun.Of(["report", "--model", ModelPath, "--data", _folder.Path, "--out", reportPath]);

        Assert.Equal(0, evaluate.ExitCode);
        Assert.Contains("dense-ae has no CUDA engine", evaluate.Output);
        Assert.Equal(File.ReadAllText(_folder.File("out/metrics.json")), File.ReadAllText(metricsPath));
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("data-chart=\"roc\"", File.ReadAllText(reportPath));
    }

    [Fact]
    public void Train_Refuses_AnUnknownArchitecture()
    {
        var run = TrainerRun.Of(["train", "--arch", "gru-ae", "--data", _folder.Path, "--out", ModelPath]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("gru-ae", run.Output + run.Error);
    }
}
