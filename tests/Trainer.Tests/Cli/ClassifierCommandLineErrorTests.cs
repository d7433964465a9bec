using EcgStream.Trainer.Cli;
using EcgStream.Trainer.Tests.Support;
using static EcgStream.Trainer.Tests.Support.OneLineErrors;

namespace EcgStream.Trainer.Tests.Cli;

public sealed class ClassifierCommandLineErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TrainClassifier_FailsWithOneLine_WhenTheDataDirectoryIsMissing()
    {
        string missing = _folder.File("nowhere");

        var run = TrainerRun.Of(["train-classifier", "--data", missing, "--out", _folder.File("c.safetensors")]);

        AssertOneLineError(run, TrainerCommandLine.InputError, $"Data directory '{missing}' does not exist");
    }

    [Fact]
    public void TrainClassifier_SaysWhichFilesItExpected_WhenTheFolderHasNone()
    {
        var run = TrainerRun.Of(["train-classifier", "--data", _folder.Path, "--out", _folder.File("c.safetensors")]);

        AssertOneLineError(run, TrainerCommandLine.InputError, "expected ECG5000_TRAIN.txt and ECG5000_TEST.txt");
    }

    [Fact]
    public void TrainClassifier_FailsWithUsage_WhenDataIsNotGiven()
    {
        var run = TrainerRun.Of(["train-classifier"]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, "--data");
    }

    [Theory]
    [InlineData("--arch", "resnet")]
    [InlineData("--balance", "adasyn")]
    [InlineData("--protocol", "kfold")]
    [InlineData("--select-by", "accuracy")]
    [InlineData("--epochs", "ten")]
    [InlineData("--lr", "fast")]
    public void TrainClassifier_RejectsUnparsableValues_BeforeAnyWork(string flag, string value)
    {
        var run = TrainerRun.Of(["train-classifier", "--data", _folder.Path, flag, value]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, value);
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs must be at least 1, not 0.")]
    [InlineData("--patience", "0", "--patience must be at least 1, not 0.")]
    [InlineData("--batch-size", "-3", "--batch-size must be at least 1, not -3.")]
    [InlineData("--lr", "-0.1", "--lr must be a positive number, not -0.1.")]
    [InlineData("--lr-factor", "1.5", "--lr-factor must be between 0 and 1, not 1.5.")]
    [InlineData("--dropout", "1", "--dropout must be in [0, 1), not 1.")]
    [InlineData("--weight-decay", "-1", "--weight-decay must be 0 or positive, not -1.")]
    [InlineData("--clip-norm", "-1", "--clip-norm must be 0 (off) or positive, not -1.")]
    [InlineData("--folds", "1", "--folds must be 0 (off) or 2..20, not 1.")]
    [InlineData("--augment-scale", "0.7", "--augment-scale must be in [0, 0.5], not 0.7.")]
    [InlineData("--augment-shift", "30", "--augment-shift must be 0..20 samples, not 30.")]
    [InlineData("--augment-noise", "-0.1", "--augment-noise must be in [0, 1], not -0.1.")]
    [InlineData("--augment-warp", "0.9", "--augment-warp must be in [0, 0.5], not 0.9.")]
    [InlineData("--smote-k", "0", "--smote-k must be 1..100, not 0.")]
    [InlineData("--threads", "0", "--threads must be 1..1024, not 0.")]
    public void TrainClassifier_NamesTheFlag_WhenItsValueCannotWork(string flag, string value, string message)
    {
        SyntheticEcg5000.WriteFiles(_folder.Path);

        var run = TrainerRun.Of(["train-classifier", "--data", _folder.Path, flag, value, "--out", _folder.File("c.safetensors")]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, message);
        Assert.False(File.Exists(_folder.File("c.safetensors")));
    }

    [Fact]
    public void EvaluateClassifier_NamesTheModel_WhenTheFileIsMissing()
    {
        string model = _folder.File("absent.safetensors");

        var run = TrainerRun.Of(["evaluate-classifier", "--model", model, "--data", _folder.Path]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, $"--model: '{model}' does not exist.");
    }

    [Fact]
    public void EvaluateClassifier_FailsWithOneLine_WhenGivenTheAutoencoderFile()
    {
        SyntheticEcg5000.WriteFiles(_folder.Path);

        var run = TrainerRun.Of(["evaluate-classifier", "--model", RepositoryPaths.DefaultModel, "--data", _folder.Path]);

        AssertOneLineError(run, TrainerCommandLine.InputError, "ecg5000.safetensors");
        Assert.Contains("autoencoder", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EvaluateClassifier_FailsWithOneLine_WhenTheModelFileIsNotSafetensors()
    {
        SyntheticEcg5000.WriteFiles(_folder.Path);
        string model = _folder.File("garbage.safetensors");
        File.WriteAllText(model, "this is not a model");

        var run = TrainerRun.Of(["evaluate-classifier", "--model", model, "--data", _folder.Path]);

        Assert.Equal(TrainerCommandLine.InputError, run.ExitCode);
        AssertOneLine(run.Error);
    }

    [Fact]
    public void EvaluateClassifier_FailsWithUsage_WhenDataIsNotGiven()
    {
        var run = TrainerRun.Of(["evaluate-classifier", "--model", RepositoryPaths.DefaultModel]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, "--data");
    }

    [Theory]
    [InlineData("--split", "train")]
    [InlineData("--protocol", "kfold")]
    [InlineData("--threads", "many")]
    public void EvaluateClassifier_RejectsUnknownChoices(string flag, string value)
    {
        var run = TrainerRun.Of(["evaluate-classifier", "--model", "c.safetensors", "--data", _folder.Path, flag, value]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, value);
    }
}
