using System.Globalization;
using EcgStream.Model.Serialization;
using EcgStream.Trainer.Cli;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Report;
using EcgStream.Trainer.Tests.Support;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Tests.Training;

/// <summary>Real, short training runs on a small synthetic data set (68 normal training beats).</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public TrainCommandTests() => SyntheticEcg5000.WriteFiles(_folder.Path);

    public void Dispose() => _folder.Dispose();

    private string ModelPath => _folder.File("out/model.safetensors");

    [Fact]
    public void Train_LowersTheLoss_AndWritesALoadableModelWithItsThreshold()
    {
        var run = Train(["--epochs", "4"]);

        Assert.Equal(0, run.ExitCode);
        var model = ModelFile.Load(ModelPath);
        var trainLoss = ReportBuilder.Curve(model.Metadata.Provenance, ProvenanceKeys.TrainLossCurve);
        Assert.Equal(4, trainLoss.Count);
        Assert.True(trainLoss[^1] < trainLoss[0], $"training loss did not fall: {string.Join(", ", trainLoss)}");
        Assert.True(float.IsFinite(model.Metadata.Threshold));
        Assert.Equal("max-f1-validation", model.Metadata.ThresholdMethod);
        Assert.Equal("ecg5000-seed-1", model.Metadata.ModelVersion);
        Assert.Equal("seed", model.Metadata.Provenance[ProvenanceKeys.Protocol]);
    }

    [Fact]
    public void Train_WritesMetricsReportAndScores_BesideTheModel()
    {
        string scores = _folder.File("scores.csv");

        var run = Train(["--epochs", "1", "--scores", scores]);

        Assert.Equal(0, run.ExitCode);
        var metrics = MetricsFile.Read(_folder.File("out/metrics.json"));
        Assert.Equal("test", metrics.Split);
        Assert.Equal(metrics.Beats + 1, File.ReadAllLines(scores).Length);
        Assert.Contains("data-chart=\"roc\"", File.ReadAllText(_folder.File("out/report.html")));
        Assert.Contains("accuracy", run.Output);
    }

    [Fact]
    public void Train_StoresAPercentileThreshold_UnderTheUcrProtocol()
    {
        var run = Train(["--epochs", "1", "--protocol", "ucr", "--threshold-percentile", "95"]);

        Assert.Equal(0, run.ExitCode);
        var model = ModelFile.Load(ModelPath);
        Assert.Equal("p95-normal-validation", model.Metadata.ThresholdMethod);
        Assert.Equal("ucr", model.Metadata.Provenance[ProvenanceKeys.Protocol]);
    }

    [Fact]
    public void Train_SavesTheBestEpochSoFar_WhenInterrupted()
    {
        using var ctrlC = new CancellationTokenSource();

        // The first Ctrl-C lands as soon as epoch 1 is reported, while up to 50 epochs remain.
        var run = Train(["--epochs", "50"], ctrlC.Token, text => { if (text.Contains("epoch 1/50")) ctrlC.Cancel(); });

        Assert.Equal(0, run.ExitCode);
        var provenance = ModelFile.Load(ModelPath).Metadata.Provenance;
        Assert.Equal("interrupted", provenance[ProvenanceKeys.StopReason]);
        Assert.Equal("1", provenance[ProvenanceKeys.EpochsRun]);
        Assert.Equal("1", provenance[ProvenanceKeys.BestEpoch]);
        Assert.True(File.Exists(_folder.File("out/metrics.json")));
    }

    [Fact]
    public void Train_SavesNothing_WhenInterruptedBeforeTheFirstEpochEnds()
    {
        using var ctrlC = new CancellationTokenSource();
        ctrlC.Cancel();

        var run = Train(["--epochs", "5"], ctrlC.Token);

        Assert.Equal(TrainerCommandLine.Interrupted, run.ExitCode);
        Assert.StartsWith("error: Interrupted before the first epoch finished", run.Error);
        Assert.False(File.Exists(ModelPath));
    }

    [Fact]
    public void Train_GivesTheSameModel_ForTheSameSeed()
    {
        Train(["--epochs", "1", "--threads", "1"]);
        var first = ModelFile.Load(ModelPath);
        Train(["--epochs", "1", "--threads", "2"]);
        var second = ModelFile.Load(ModelPath);

        Assert.Equal(first.Metadata.Threshold, second.Metadata.Threshold);
        Assert.Equal(first.Parameters.Tensors().SelectMany(t => t.Data), second.Parameters.Tensors().SelectMany(t => t.Data));
    }

    [Fact]
    public void Train_KeepsTheEpochOfTheBestValidationRocAuc_ThatEvaluateReportsOnValidation()
    {
        Train(["--epochs", "3", "--patience", "3", "--select-by", "roc-auc"]);
        var provenance = ModelFile.Load(ModelPath).Metadata.Provenance;
        var curve = ReportBuilder.Curve(provenance, ProvenanceKeys.ValidationRocAucCurve);
        string validation = _folder.File("validation.json");

        var run = TrainerRun.Of(["evaluate", "--model", ModelPath, "--data", _folder.Path, "--device", "cpu", "--split", "validation", "--out", validation]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("validation-roc-auc", provenance[ProvenanceKeys.Checkpoint]);
        Assert.Equal(3, curve.Count);
        int best = int.Parse(provenance[ProvenanceKeys.BestEpoch], CultureInfo.InvariantCulture);
        Assert.Equal(curve.Max(), curve[best - 1]);
        Assert.Equal(curve[best - 1], MetricsFile.Read(validation).RocAuc);
    }

    [Fact]
    public void Train_RanksEpochsByValidationLoss_ByDefault()
    {
        Train(["--epochs", "1"]);
        var provenance = ModelFile.Load(ModelPath).Metadata.Provenance;

        Assert.Equal("validation-loss", provenance[ProvenanceKeys.Checkpoint]);
        Assert.False(provenance.ContainsKey(ProvenanceKeys.ValidationRocAucCurve));
    }

    [Fact]
    public void Evaluate_ReproducesTheMetricsTrainWrote()
    {
        Train(["--epochs", "1"]);
        string again = _folder.File("again.json");

        var run = TrainerRun.Of(["evaluate", "--model", ModelPath, "--data", _folder.Path, "--device", "cpu", "--out", again]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllText(_folder.File("out/metrics.json")), File.ReadAllText(again));
    }

    private TrainerRun Train(string[] extra, CancellationToken cancellation = default, Action<string>? onOutput = null) =>
        TrainerRun.Of(["train", "--data", _folder.Path, "--out", ModelPath, "--batch-size", "16", .. extra], cancellation, onOutput);
}
