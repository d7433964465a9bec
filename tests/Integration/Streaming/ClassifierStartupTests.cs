using EcgStream.Integration.Reliability;

namespace EcgStream.Integration.Streaming;

/// <summary>
/// The detector program with a classifier file it cannot use: it stops at start with exit code 2 and one line naming the
/// file (no stack trace), before it consumes anything, never mid-stream.
/// </summary>
public sealed class ClassifierStartupTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Detector_ExitsAtStartWithAnErrorNamingTheFile_WhenTheClassifierFileIsMissing()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-classifier-{Guid.NewGuid():N}.safetensors");

        var (exitCode, output) = await RunAsync(missing);

        Assert.Equal(2, exitCode);
        Assert.Contains($"error: {missing}: the beat classifier file does not exist", output);
        Assert.Contains("Engine:ClassifierPath", output);
        Assert.DoesNotContain("Hosting failed to start", output);
    }

    [Fact]
    public async Task Detector_ExitsAtStartWithAnErrorNamingTheFile_WhenTheClassifierFileIsCorrupt()
    {
        string corrupt = Path.Combine(Path.GetTempPath(), $"corrupt-classifier-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(corrupt, [0x10, 0, 0, 0, 0, 0, 0, 0, .. "{\"not\": \"a model\""u8]);
        try
        {
            var (exitCode, output) = await RunAsync(corrupt);

            Assert.Equal(2, exitCode);
            Assert.Contains($"error: {corrupt}:", output);
            Assert.DoesNotContain("Hosting failed to start", output);
        }
        finally
        {
            File.Delete(corrupt);
        }
    }

    private static async Task<(int? ExitCode, string Output)> RunAsync(string classifierPath)
    {
        using var cluster = TestCluster.Embedded();
        string suffix = Guid.NewGuid().ToString("N")[..8];
        cluster.CreateTopics(1, $"beats-{suffix}", $"anomalies-{suffix}", $"dlq-{suffix}");
        using var model = TestModelFile.Create([.. SyntheticTestBeats.Create(8, 2).Select(b => b.Samples)]);
        using var detector = DetectorProcess.Start(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = cluster.BootstrapServers,
            ["Topics:Beats"] = $"beats-{suffix}", ["Topics:Anomalies"] = $"anomalies-{suffix}", ["Topics:DeadLetters"] = $"dlq-{suffix}",
            ["Topics:ConsumerGroup"] = $"detector-{suffix}",
            ["Engine:ModelPath"] = model.Path, ["Engine:ClassifierPath"] = classifierPath, ["Engine:Device"] = "cpu", ["Engine:Threads"] = "1",
            ["Urls"] = "http://127.0.0.1:0",
        });
        int? exitCode = await detector.WaitForExitAsync(ExitTimeout);
        return (exitCode, detector.Output);
    }
}
