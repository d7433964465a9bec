using EcgStream.Trainer.Cli;
using EcgStream.Trainer.Tests.Support;
using static EcgStream.Trainer.Tests.Support.OneLineErrors;

namespace EcgStream.Trainer.Tests.Cli;

public sealed class TrainerCommandLineErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Train_FailsWithOneLine_WhenTheDataDirectoryIsMissing()
    {
        string missing = _folder.File("nowhere");

        var run = TrainerRun.Of(["train", "--data", missing, "--out", _folder.File("m.safetensors")]);

        AssertOneLineError(run, TrainerCommandLine.InputError, $"Data directory '{missing}' does not exist");
    }

    [Fact]
    public void Train_FailsWithUsage_WhenDataIsNotGiven()
    {
        var run = TrainerRun.Of(["train"]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, "--data");
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs must be at least 1, not 0.")]
    [InlineData("--patience", "0", "--patience must be at least 1, not 0.")]
    [InlineData("--batch-size", "-3", "--batch-size must be at least 1, not -3.")]
    [InlineData("--lr", "-0.1", "--lr must be a positive number, not -0.1.")]
    [InlineData("--clip-norm", "-1", "--clip-norm must be 0 (off) or positive, not -1.")]
    [InlineData("--threads", "0", "--threads must be 1..1024, not 0.")]
    [InlineData("--threshold-percentile", "101", "--threshold-percentile must be in (0, 100], not 101.")]
    public void Train_NamesTheFlag_WhenItsValueCannotWork(string flag, string value, string message)
    {
        SyntheticEcg5000.WriteFiles(_folder.Path);

        var run = TrainerRun.Of(["train", "--data", _folder.Path, flag, value, "--out", _folder.File("m.safetensors")]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, message);
        Assert.False(File.Exists(_folder.File("m.safetensors")));
    }

    [Theory]
    [InlineData("--epochs", "ten")]
    [InlineData("--protocol", "kfold")]
    [InlineData("--loss", "huber")]
    [InlineData("--threshold", "median")]
    [InlineData("--error-metric", "l2")]
    [InlineData("--select-by", "accuracy")]
    public void Train_RejectsUnparsableValues_BeforeAnyWork(string flag, string value)
    {
        var run = TrainerRun.Of(["train", "--data", _folder.Path, flag, value]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, value);
    }

    [Fact]
    public void Train_RefusesMaxF1_OnTheUcrProtocol()
    {
        SyntheticEcg5000.WriteFiles(_folder.Path);

        var run = TrainerRun.Of(["train", "--data", _folder.Path, "--protocol", "ucr", "--threshold", "max-f1"]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, "the ucr protocol's validation split has none");
    }

    [Fact]
    public void Train_RefusesSelectionByRocAuc_OnTheUcrProtocol()
    {
        SyntheticEcg5000.WriteFiles(_folder.Path);

        var run = TrainerRun.Of(["train", "--data", _folder.Path, "--protocol", "ucr", "--select-by", "roc-auc"]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, "--select-by roc-auc needs anomalous validation beats");
    }

    [Theory]
    [InlineData("  1.0  2.0  3.0", "ECG5000_TRAIN.txt:2: expected 141 columns (class + 140 samples), found 3.")]
    [InlineData("NaN", "ECG5000_TRAIN.txt:2: column 141 is NaN (samples must be finite).")]
    [InlineData("label 7", "ECG5000_TRAIN.txt:2: unknown label '7.0000000e+00' (expected a class 1..5).")]
    [InlineData("label 1.5", "ECG5000_TRAIN.txt:2: unknown label '1.5000000e+00' (expected a class 1..5).")]
    [InlineData("text", "ECG5000_TRAIN.txt:2: column 3 'abc' is not a number.")]
    public void Train_NamesFileLineAndReason_WhenARowIsBad(string badRow, string message)
    {
        SyntheticEcg5000.WriteFiles(_folder.Path);
        string path = _folder.File("ECG5000_TRAIN.txt");
        var lines = File.ReadAllLines(path);
        lines[1] = Corrupt(lines[1], badRow);
        File.WriteAllLines(path, lines);

        var run = TrainerRun.Of(["train", "--data", _folder.Path, "--out", _folder.File("m.safetensors")]);

        AssertOneLineError(run, TrainerCommandLine.InputError, message);
    }

    [Fact]
    public void Train_SaysTheFileIsEmpty_WhenItHoldsNoBeats()
    {
        SyntheticEcg5000.WriteFiles(_folder.Path);
        File.WriteAllText(_folder.File("ECG5000_TEST.txt"), "\n\n");

        var run = TrainerRun.Of(["train", "--data", _folder.Path, "--out", _folder.File("m.safetensors")]);

        AssertOneLineError(run, TrainerCommandLine.InputError, "ECG5000_TEST.txt: the file holds no beats.");
    }

    [Fact]
    public void Train_SaysWhichFilesItExpected_WhenTheFolderHasNone()
    {
        var run = TrainerRun.Of(["train", "--data", _folder.Path]);

        AssertOneLineError(run, TrainerCommandLine.InputError, "expected ECG5000_TRAIN.txt and ECG5000_TEST.txt (or the .tsv pair)");
    }

    [Fact]
    public void Evaluate_NamesTheModel_WhenTheFileIsMissing()
    {
        string model = _folder.File("absent.safetensors");

        var run = TrainerRun.Of(["evaluate", "--model", model, "--data", _folder.Path]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, $"--model: '{model}' does not exist.");
    }

    [Fact]
    public void Evaluate_FailsWithOneLine_WhenTheModelFileIsNotSafetensors()
    {
        SyntheticEcg5000.WriteFiles(_folder.Path);
        string model = _folder.File("garbage.safetensors");
        File.WriteAllText(model, "this is not a model");

        var run = TrainerRun.Of(["evaluate", "--model", model, "--data", _folder.Path]);

        Assert.Equal(TrainerCommandLine.InputError, run.ExitCode);
        AssertOneLine(run.Error);
    }

    [Theory]
    [InlineData("--split", "train")]
    [InlineData("--device", "tpu")]
    public void Evaluate_RejectsUnknownChoices(string flag, string value)
    {
        var run = TrainerRun.Of(["evaluate", "--model", "m.safetensors", "--data", _folder.Path, flag, value]);

        AssertOneLineError(run, TrainerCommandLine.UsageError, value);
    }

    [Fact]
    public void UnknownCommand_FailsWithUsage()
    {
        var run = TrainerRun.Of(["fit", "--data", _folder.Path]);

        Assert.Equal(TrainerCommandLine.UsageError, run.ExitCode);
        AssertOneLine(run.Error);
    }

    private static string Corrupt(string line, string how)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (how)
        {
            case "NaN": fields[^1] = "NaN"; break;
            case "text": fields[2] = "abc"; break;
            case var label when label.StartsWith("label ", StringComparison.Ordinal):
                fields[0] = double.Parse(label[6..], System.Globalization.CultureInfo.InvariantCulture)
                    .ToString("0.0000000e+00", System.Globalization.CultureInfo.InvariantCulture);
                break;
            default: return how;
        }
        return "  " + string.Join("  ", fields);
    }
}
