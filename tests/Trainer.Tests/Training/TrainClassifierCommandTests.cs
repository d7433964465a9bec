using System.Globalization;
using EcgStream.Model.Classification;
using EcgStream.Model.Serialization;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Report;
using EcgStream.Trainer.Tests.Support;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Tests.Training;

/// <summary>Real, short classifier training runs on a small synthetic data set (TRAIN 54 beats, TEST 56).</summary>
public sealed class TrainClassifierCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public TrainClassifierCommandTests() => SyntheticEcg5000.WriteFiles(_folder.Path);

    public void Dispose() => _folder.Dispose();

    private string ModelPath => _folder.File("out/classifier.safetensors");

    [Fact]
    public void TrainClassifier_WritesALoadableModel_WithItsProvenance()
    {
        var run = Train(["--epochs", "3", "--arch", "conv1d", "--balance", "smote"]);

        Assert.Equal(0, run.ExitCode);
        var model = ClassifierFile.Load(ModelPath);
        Assert.Equal(ClassifierArchitecture.Conv1d, model.Parameters.Architecture);
        Assert.Equal("ecg5000-classifier-ucr-conv1d", model.Metadata.ModelVersion);
        Assert.Equal(["Normal", "R-on-T PVC", "PVC", "SP/EB", "Unclassified"], model.Metadata.ClassNames);
        Assert.Equal("smote", model.Metadata.Provenance[ProvenanceKeys.Balance]);
        Assert.Equal("ucr", model.Metadata.Provenance[ProvenanceKeys.Protocol]);
        Assert.Equal(3, ReportBuilder.Curve(model.Metadata.Provenance, ProvenanceKeys.ValidationMacroF1Curve).Count);
        Assert.True(model.Metadata.Provenance.ContainsKey(ProvenanceKeys.ValidationPrefix + "macro_f1"));
    }

    [Fact]
    public void TrainClassifier_WritesMetricsReportAndScores_BesideTheModel()
    {
        string scores = _folder.File("scores.csv");

        var run = Train(["--epochs", "2", "--scores", scores]);

        Assert.Equal(0, run.ExitCode);
        var metrics = ClassificationMetricsFile.Read(_folder.File("out/classifier-metrics.json"));
        Assert.Equal("test", metrics.Split);
        Assert.Equal(56, metrics.Beats);                                   // the whole synthetic TEST file
        Assert.Equal(metrics.Beats, metrics.ConfusionMatrix.Sum(r => r.Sum()));
        Assert.Equal(metrics.Beats + 1, File.ReadAllLines(scores).Length);
        Assert.Contains("data-chart=\"confusion-matrix\"", File.ReadAllText(_folder.File("out/classifier-report.html")));
        Assert.Contains("macro-F1", run.Output);
    }

    [Fact]
    public void TrainClassifier_GivesTheSameModel_ForTheSameSeed()
    {
        Assert.Equal(0, Train(["--epochs", "2"], _folder.File("a/classifier.safetensors")).ExitCode);
        Assert.Equal(0, Train(["--epochs", "2"], _folder.File("b/classifier.safetensors")).ExitCode);

        var a = ClassifierFile.Load(_folder.File("a/classifier.safetensors")).Parameters.Tensors();
        var b = ClassifierFile.Load(_folder.File("b/classifier.safetensors")).Parameters.Tensors();
        Assert.Equal(a.Select(t => t.Data), b.Select(t => t.Data));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("smote-undersample")]
    [InlineData("class-weights")]
    public void TrainClassifier_Trains_WithEveryBalance(string balance)
    {
        var run = Train(["--epochs", "1", "--balance", balance]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(balance, ClassifierFile.Load(ModelPath).Metadata.Provenance[ProvenanceKeys.Balance]);
    }

    [Fact]
    public void TrainClassifier_TrainsOnTrainAndValidation_ForTheEpochCountCrossValidationChose()
    {
        var run = Train(["--epochs", "3", "--folds", "2"]);

        Assert.Equal(0, run.ExitCode);
        var provenance = ClassifierFile.Load(ModelPath).Metadata.Provenance;
        Assert.Equal("2", provenance[ProvenanceKeys.Folds]);
        var curve = ReportBuilder.Curve(provenance, ProvenanceKeys.CrossValidationMacroF1Curve);
        Assert.Equal(3, curve.Count);
        int chosen = curve.ToList().IndexOf(curve.Max()) + 1;
        Assert.Equal(chosen.ToString(CultureInfo.InvariantCulture), provenance[ProvenanceKeys.EpochsRun]);
        Assert.Equal(provenance[ProvenanceKeys.EpochsRun], provenance[ProvenanceKeys.BestEpoch]);
        Assert.Equal(SyntheticEcg5000.DefaultTrainCounts.Sum(), provenance[ProvenanceKeys.TrainClassCounts].Split(',').Sum(int.Parse));
        Assert.False(provenance.ContainsKey(ProvenanceKeys.ValidationPrefix + "macro_f1"));
        Assert.Contains("cross-validation (2 folds", run.Output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrainClassifier_TunesTheOutputBias_OnHeldOutPredictions_WhenAsked(bool crossValidated)
    {
        string[] folds = crossValidated ? ["--folds", "2"] : [];
        Assert.Equal(0, Train(["--epochs", "2", .. folds], _folder.File("plain/classifier.safetensors")).ExitCode);

        var run = Train(["--epochs", "2", "--tune-bias", .. folds]);

        Assert.Equal(0, run.ExitCode);
        var tuned = ClassifierFile.Load(ModelPath);
        var plain = ClassifierFile.Load(_folder.File("plain/classifier.safetensors"));
        var provenance = tuned.Metadata.Provenance;
        Assert.Equal("held-out-macro-f1", provenance[ProvenanceKeys.BiasTuning]);
        double[] offsets = [.. provenance[ProvenanceKeys.ClassBiasOffsets].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        Assert.Equal(5, offsets.Length);
        Assert.True(double.Parse(provenance[ProvenanceKeys.BiasTuningMacroF1After], CultureInfo.InvariantCulture)
            >= double.Parse(provenance[ProvenanceKeys.BiasTuningMacroF1Before], CultureInfo.InvariantCulture));
        // Only the output bias differs from the untuned run, by exactly the recorded offsets.
        var tunedTensors = tuned.Parameters.Tensors();
        var plainTensors = plain.Parameters.Tensors();
        for (int t = 0; t < tunedTensors.Count; t++)
        {
            if (tunedTensors[t].Name != "fc.bias") Assert.Equal(plainTensors[t].Data, tunedTensors[t].Data);
            else for (int c = 0; c < 5; c++) Assert.Equal(plainTensors[t].Data[c] + (float)offsets[c], tunedTensors[t].Data[c]);
        }
        Assert.False(plain.Metadata.Provenance.ContainsKey(ProvenanceKeys.BiasTuning));
        Assert.Contains("output bias tuned on", run.Output);
    }

    [Fact]
    public void TrainClassifier_RecordsTheAugmentation_AndLearnsFromTheChangedBeats()
    {
        Assert.Equal(0, Train(["--epochs", "2"], _folder.File("plain/classifier.safetensors")).ExitCode);

        var run = Train(["--epochs", "2", "--augment-scale", "0.1", "--augment-shift", "5", "--augment-noise", "0.05", "--augment-warp", "0.1"]);

        Assert.Equal(0, run.ExitCode);
        var augmented = ClassifierFile.Load(ModelPath);
        Assert.Equal("scale=0.1,shift=5,noise=0.05,warp=0.1", augmented.Metadata.Provenance[ProvenanceKeys.Augmentation]);
        Assert.Equal("none", ClassifierFile.Load(_folder.File("plain/classifier.safetensors")).Metadata.Provenance[ProvenanceKeys.Augmentation]);
        var plain = ClassifierFile.Load(_folder.File("plain/classifier.safetensors")).Parameters.Tensors();
        Assert.NotEqual(plain.Select(t => t.Data), augmented.Parameters.Tensors().Select(t => t.Data));
        Assert.Equal(56, ClassificationMetricsFile.Read(_folder.File("out/classifier-metrics.json")).Beats);
    }

    [Fact]
    public void EvaluateClassifier_ReproducesTheTrainingFigures_AndWritesOneScoreLinePerBeat()
    {
        Assert.Equal(0, Train(["--epochs", "2", "--arch", "lstm"]).ExitCode);
        var trained = ClassificationMetricsFile.Read(_folder.File("out/classifier-metrics.json"));
        string scores = _folder.File("eval-scores.csv");
        string metricsPath = _folder.File("eval.json");

        var run = TrainerRun.Of(["evaluate-classifier", "--model", ModelPath, "--data", _folder.Path, "--scores", scores, "--out", metricsPath,
            "--report", _folder.File("eval.html"), "--threads", "1"]);

        Assert.Equal(0, run.ExitCode);
        var evaluated = ClassificationMetricsFile.Read(metricsPath);
        Assert.Equal(trained.ConfusionMatrix, evaluated.ConfusionMatrix);
        var lines = File.ReadAllLines(scores);
        Assert.Equal(ClassifierScoresFile.Header, lines[0]);
        Assert.Equal(evaluated.Beats, lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            Assert.Equal(10, fields.Length);
            double sum = fields.Skip(5).Sum(f => double.Parse(f, CultureInfo.InvariantCulture));
            Assert.Equal(1.0, sum, 4);
        }
        Assert.True(File.Exists(_folder.File("eval.html")));
    }

    [Fact]
    public void EvaluateClassifier_EvaluatesTheValidationSplit_WhenAsked()
    {
        Assert.Equal(0, Train(["--epochs", "1"]).ExitCode);
        string metricsPath = _folder.File("validation.json");

        var run = TrainerRun.Of(["evaluate-classifier", "--model", ModelPath, "--data", _folder.Path, "--split", "validation", "--out", metricsPath]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("validation", ClassificationMetricsFile.Read(metricsPath).Split);
    }

    [Fact]
    public void EvaluateClassifier_Warns_WhenTheProtocolIsNotTheOneTheModelWasTrainedUnder()
    {
        Assert.Equal(0, Train(["--epochs", "1"]).ExitCode);

        var run = TrainerRun.Of(["evaluate-classifier", "--model", ModelPath, "--data", _folder.Path, "--protocol", "seed"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: the model was trained under the ucr protocol", run.Output);
    }

    private TrainerRun Train(string[] extra, string? modelPath = null)
    {
        string[] args = ["train-classifier", "--data", _folder.Path, "--protocol", "ucr", "--threads", "1", "--out", modelPath ?? ModelPath, .. extra];
        return TrainerRun.Of(args);
    }
}
