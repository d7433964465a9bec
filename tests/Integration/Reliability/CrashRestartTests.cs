using EcgStream.Detector.Producing;
using EcgStream.Detector.Web;
using EcgStream.Integration.Observability;
using EcgStream.Integration.Streaming;
using Xunit.Abstractions;

namespace EcgStream.Integration.Reliability;

/// <summary>
/// The detector as a real separate process, against a broker owned by the test: killed with SIGKILL mid-stream and
/// started again, no beat is lost (at-least-once: re-read beats come out again under the same beat id); stopped with
/// SIGTERM, it drains, exits 0, and its successor re-delivers nothing.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class CrashRestartTests(ITestOutputHelper output)
{
    private const int BeatCount = 2400;
    private const double BeatsPerSecond = 300;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Detector_LosesNoBeat_WhenKilledMidStreamAndRestarted()
    {
        using var cluster = TestCluster.Embedded();
        var ledger = await KillAndRestartAsync(cluster, DeliveryGuarantee.AtLeastOnce);

        Assert.Empty(ledger.Lost());
        Assert.Empty(ledger.Unexpected());
    }

    /// <remarks>Exactly-once across a restart needs the broker to keep offsets sent with a transaction, which the embedded one does not.</remarks>
    [ExternalKafkaFact]
    public async Task Detector_DecidesEachBeatOnce_WhenKilledMidStreamAndRestarted_WithExactlyOnce_OnExternalBroker()
    {
        using var cluster = TestCluster.External();
        var ledger = await KillAndRestartAsync(cluster, DeliveryGuarantee.ExactlyOnce);

        Assert.Empty(ledger.Lost());
        Assert.Empty(ledger.Duplicated());
        Assert.Empty(ledger.Unexpected());
    }

    /// <remarks>The same exactly-once scenario on a Kafka container (Testcontainers), where a Docker engine answers.</remarks>
    [KafkaContainerFact]
    public async Task Detector_DecidesEachBeatOnce_WhenKilledMidStreamAndRestarted_WithExactlyOnce_OnKafkaContainer()
    {
        await using var kafka = await KafkaContainerBroker.StartAsync();
        var ledger = await KillAndRestartAsync(kafka.Cluster, DeliveryGuarantee.ExactlyOnce);

        Assert.Empty(ledger.Lost());
        Assert.Empty(ledger.Duplicated());
        Assert.Empty(ledger.Unexpected());
    }

    [Fact]
    public async Task Detector_DrainsExitsZeroAndRedeliversNothing_WhenSentSigtermMidStream()
    {
        using var cluster = TestCluster.Embedded();
        using var stream = new ReliabilityStream(cluster, BeatCount);
        var settings = stream.Settings(DeliveryGuarantee.AtLeastOnce);
        using var first = DetectorProcess.Start(settings);
        var sending = stream.SendAsync(0, BeatCount, BeatsPerSecond);

        Assert.True(await stream.Decisions.WaitUntilAsync(l => l.DecidedCount >= BeatCount / 4, Recovery), $"the first detector decided too little: {stream.Ledger}\n{first.Output}");
        int? exitCode = await first.TerminateAsync(TimeSpan.FromSeconds(30));
        using var second = DetectorProcess.Start(settings);
        await sending;
        await stream.Decisions.WaitForAllAsync(Recovery);

        output.WriteLine($"SIGTERM: {stream.Ledger}");
        Assert.True(exitCode == 0, $"exit code {exitCode?.ToString() ?? "none (still running)"}\n{first.Output}");
        Assert.Equal(BeatCount, stream.Ledger.SentCount);
        Assert.Empty(stream.Ledger.Lost());
        Assert.Empty(stream.Ledger.Duplicated());
        Assert.Empty(stream.Ledger.Unexpected());
    }

    [Fact]
    public async Task Detector_GivesUpAtItsDrainTimeout_ExitsWithDrainIncomplete_AndLosesNoBeat_WhenSentSigtermWhileTheBrokerIsDown()
    {
        using var cluster = TestCluster.Embedded();
        using var stream = new ReliabilityStream(cluster, BeatCount);
        var settings = stream.Settings(DeliveryGuarantee.AtLeastOnce, new Dictionary<string, string?>
        {
            ["Detector:DrainTimeout"] = "00:00:03",
            // The consume loop's drain and close lines, which the test looks for.
            ["Logging:LogLevel:EcgStream.Detector.Consuming"] = "Information",
            // The shipped model on one thread is slower than the sender, so a backlog is in the detector's channel.
            ["Engine:ModelPath"] = Path.Combine(RepositoryPaths.Root, "models", "ecg5000.safetensors"),
        });
        using var first = DetectorProcess.Start(settings);
        await stream.SendAsync(0, BeatCount, beatsPerSecond: 1_000_000);

        Assert.True(await stream.Decisions.WaitUntilAsync(l => l.DecidedCount >= BeatCount / 10, Recovery), $"the first detector decided too little: {stream.Ledger}\n{first.Output}");
        // The results of the beats still in the pipeline can no longer be acknowledged: the drain must give up on them
        // at its deadline and leave their offsets uncommitted, not wait for the broker forever.
        cluster.Broker!.SetBrokerDown(1);
        int? exitCode = await first.TerminateAsync(TimeSpan.FromSeconds(60));
        cluster.Broker.SetBrokerUp(1);
        using var second = DetectorProcess.Start(settings);
        await stream.Decisions.WaitForAllAsync(Recovery);

        output.WriteLine($"SIGTERM with the broker down: exit code {exitCode?.ToString() ?? "none"}, {stream.Ledger}");
        Assert.True(exitCode == WebApplicationRunExtensions.DrainIncompleteExitCode, $"exit code {exitCode?.ToString() ?? "none (still running)"}\n{first.Output}");
        Assert.Contains("Drain ran out of time", first.Output);
        // The consume loop got through its commit and close (not cut off by the host's shutdown timeout).
        Assert.Contains("Consumer closed", first.Output);
        Assert.Equal(BeatCount, stream.Ledger.SentCount);
        Assert.Empty(stream.Ledger.Lost());
        Assert.Empty(stream.Ledger.Unexpected());
    }

    private async Task<BeatLedger> KillAndRestartAsync(TestCluster cluster, DeliveryGuarantee guarantee)
    {
        using var stream = new ReliabilityStream(cluster, BeatCount);
        var settings = stream.Settings(guarantee);
        using var first = DetectorProcess.Start(settings);
        var sending = stream.SendAsync(0, BeatCount, BeatsPerSecond);

        Assert.True(await stream.Decisions.WaitUntilAsync(l => l.DecidedCount >= BeatCount / 4, Recovery), $"the first detector decided too little: {stream.Ledger}\n{first.Output}");
        first.Kill();
        int decidedBeforeKill = stream.Ledger.DecidedCount;
        using var second = DetectorProcess.Start(settings);
        await sending;
        await stream.Decisions.WaitForAllAsync(Recovery);

        output.WriteLine($"kill -9 after {decidedBeforeKill} decided, {guarantee}: {stream.Ledger}");
        output.WriteLine($"killed detector's output:\n{first.Output}\nrestarted detector's output:\n{second.Output}");
        Assert.True(stream.Ledger.IsComplete, $"{stream.Ledger}\n{second.Output}");
        Assert.Equal(BeatCount, stream.Ledger.SentCount);
        return stream.Ledger;
    }
}
