using EcgStream.Trainer.Tests.Support;

namespace EcgStream.Trainer.Tests.Cli;

public sealed class TrainerCommandLineHelpTests
{
    [Theory]
    [InlineData("train", new[] { "--data", "--protocol", "--epochs", "--patience", "--batch-size", "--loss", "--lr", "--clip-norm", "--seed",
        "--threads", "--error-metric", "--threshold", "--threshold-percentile", "--out", "--metrics", "--report", "--scores", "--model-version" })]
    [InlineData("evaluate", new[] { "--model", "--data", "--protocol", "--split", "--device", "--threads", "--out", "--scores", "--report" })]
    [InlineData("report", new[] { "--model", "--data", "--protocol", "--split", "--device", "--threads", "--out" })]
    public void Help_ListsEveryOption_AndExitsZero(string command, string[] options)
    {
        var run = TrainerRun.Of([command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        foreach (string option in options) Assert.Contains(option, run.Output);
    }

    [Fact]
    public void Help_ListsTheThreeCommands()
    {
        var run = TrainerRun.Of(["--help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (string command in new[] { "train", "evaluate", "report" }) Assert.Contains(command, run.Output);
    }
}
