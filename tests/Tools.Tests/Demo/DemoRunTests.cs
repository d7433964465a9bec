using EcgStream.Beats.Synthetic;
using EcgStream.Integration.Streaming;
using EcgStream.Tools.CommandLine;
using EcgStream.Tools.Demo;

namespace EcgStream.Tools.Tests.Demo;

/// <summary>The demo path end to end, briefly: embedded broker, ingest, detector, decisions read back and summarised.</summary>
public sealed class DemoRunTests
{
    [Fact]
    public async Task RunAsync_ScoresAndTypesEveryBeatOnce_AndTheSummaryAddsUp()
    {
        var generator = new SyntheticBeatGenerator(seed: 3);
        using var model = TestModelFile.Create([.. Enumerable.Range(0, 64).Select(i => generator.Generate(generator.NextClass(0.2)))]);
        using var classifier = TestClassifierFile.Create();
        var options = new DemoOptions
        {
            ModelPath = model.Path, ClassifierPath = classifier.Path, RateBeatsPerSecond = 150, Duration = TimeSpan.FromSeconds(2), Patients = 6, Device = "cpu", AnomalyFraction = 0.3,
        };
        var output = new StringWriter();

        var summary = await DemoRun.RunAsync(options, output, CancellationToken.None);

        Assert.InRange(summary.Sent, 100, 400);
        Assert.True(summary.EveryBeatScoredOnce, $"sent {summary.Sent}, scored {summary.Scored}, repeats {summary.Repeats}");
        Assert.InRange(summary.LabelledAnomalous, 1, summary.Scored - 1);
        Assert.InRange(summary.TruePositives, 0, Math.Min(summary.Flagged, summary.LabelledAnomalous));
        Assert.Equal(summary.TruePositives / (double)summary.Flagged, summary.Precision);
        Assert.Equal(summary.TruePositives / (double)summary.LabelledAnomalous, summary.Recall);
        Assert.True(summary.LatencyP50Ms > 0 && summary.LatencyP50Ms <= summary.LatencyP99Ms);
        Assert.Equal(summary.Scored / summary.Elapsed.TotalSeconds, summary.ThroughputBeatsPerSecond);
        Assert.Equal("test-seed-20240601", summary.ModelVersion);
        Assert.Contains("scored", output.ToString());
        Assert.Contains($"| beats scored                     | {summary.Scored} (each once)", summary.ToTable());
        Assert.Equal(classifier.Version, summary.ClassifierVersion);
        Assert.NotNull(summary.Types);
        Assert.Equal(summary.Scored, summary.Types.Classified);
        Assert.Equal(summary.Scored, summary.Types.Labelled);
        Assert.Contains("| predicted \\ labelled |", summary.ToTable());
    }

    [Fact]
    public async Task RunAsync_RunsWithoutTypes_WhenTheClassifierIsNone()
    {
        var generator = new SyntheticBeatGenerator(seed: 3);
        using var model = TestModelFile.Create([.. Enumerable.Range(0, 64).Select(i => generator.Generate(generator.NextClass(0.2)))]);
        var options = new DemoOptions
        {
            ModelPath = model.Path, ClassifierPath = "none", RateBeatsPerSecond = 150, Duration = TimeSpan.FromSeconds(1), Patients = 4, Device = "cpu",
        };

        var summary = await DemoRun.RunAsync(options, TextWriter.Null, CancellationToken.None);

        Assert.True(summary.EveryBeatScoredOnce);
        Assert.Null(summary.Types);
        Assert.Null(summary.ClassifierVersion);
    }

    [Fact]
    public async Task RunAsync_SaysWhichClassifierIsMissing_BeforeStartingAnything()
    {
        using var model = TestModelFile.Create([new float[140]]);
        var options = new DemoOptions { ModelPath = model.Path, ClassifierPath = "no/such/classifier.safetensors" };

        var error = await Assert.ThrowsAsync<CommandLineException>(() => DemoRun.RunAsync(options, TextWriter.Null, CancellationToken.None));

        Assert.Contains("no/such/classifier.safetensors", error.Message);
        Assert.Contains("--classifier none", error.Message);
    }

    [Fact]
    public async Task RunAsync_SaysWhichModelIsMissing_BeforeStartingAnything()
    {
        var options = new DemoOptions { ModelPath = "no/such/model.safetensors" };

        var error = await Assert.ThrowsAsync<CommandLineException>(() => DemoRun.RunAsync(options, TextWriter.Null, CancellationToken.None));

        Assert.Contains("no/such/model.safetensors", error.Message);
    }
}
