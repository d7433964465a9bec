using EcgStream.Trainer.Tests.Support;

namespace EcgStream.Trainer.Tests.Cli;

public sealed class TrainerCommandLineHelpTests
{
    [Theory]
    [InlineData("train", new[] { "--data", "--protocol", "--epochs", "--patience", "--batch-size", "--loss", "--lr", "--clip-norm", "--seed",
        "--threads", "--error-metric", "--threshold", "--threshold-percentile", "--out", "--metrics", "--report", "--scores", "--model-version" })]
    [InlineData("evaluate", new[] { "--model", "--data", "--protocol", "--split", "--device", "--threads", "--out", "--scores", "--report" })]
    [InlineData("report", new[] { "--model", "--data", "--protocol", "--split", "--device", "--threads", "--out" })]
    [InlineData("train-classifier", new[] { "--data", "--arch", "--balance", "--smote-k", "--protocol", "--epochs", "--patience", "--select-by",
        "--folds", "--tune-bias", "--batch-size", "--lr", "--lr-patience", "--lr-factor", "--dropout", "--weight-decay", "--clip-norm", "--augment-scale",
        "--augment-shift", "--augment-noise", "--augment-warp", "--seed", "--threads", "--out",
        "--metrics", "--report", "--scores", "--model-version" })]
    [InlineData("evaluate-classifier", new[] { "--model", "--data", "--protocol", "--split", "--threads", "--out", "--scores", "--report" })]
    public void Help_ListsEveryOption_AndExitsZero(string command, string[] options)
    {
        var run = TrainerRun.Of([command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        foreach (string option in options) Assert.Contains(option, run.Output);
    }

    [Fact]
    public void Help_ListsEveryCommand()
    {
        var run = TrainerRun.Of(["--help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (string command in new[] { "train", "evaluate", "report", "train-classifier", "evaluate-classifier" }) Assert.Contains(command, run.Output);
    }
}
