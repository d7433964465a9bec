using System.Diagnostics.Metrics;
using EcgStream.Detector.Producing;
using EcgStream.Integration.Observability;
using EcgStream.Integration.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace EcgStream.Integration.Reliability.Overload;

/// <summary>
/// The short CI form of the overload soak (the long one is the <c>soak</c> command): beats arrive all at once, far
/// faster than a one-thread engine with the shipped model scores them. The detector must keep at most its channel's
/// capacity in the pipeline, leave the backlog in Kafka, decide every beat once, and drain the lag to 0: both when the
/// consumer waits for room in the channel (the default) and when it pauses its partitions at once (PauseAfter 0, the
/// path a stalled pipeline takes). No timing is asserted.
/// </summary>
public sealed class OverloadTests
{
    // Enough beats for seconds of backlog (consumer lag is sampled once a second); pausing is much slower (librdkafka
    // drops a paused partition's prefetched messages and fetches them again), so that run gets fewer.
    private const int WaitingBeats = 3000, PausingBeats = 1000, ChannelCapacity = 32;

    // A PauseAfter no batch takes here: a pause would mean the consumer did not wait for room.
    private static readonly TimeSpan NeverStalled = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(50);

    [Fact]
    public Task Detector_WaitsForRoomWithoutPausing_KeepsChannelBounded_AndDecidesEveryBeat_WhenOfferedLoadExceedsCapacity() =>
        RunOverloadAsync(NeverStalled, WaitingBeats);

    [Fact]
    public Task Detector_PausesConsumer_KeepsChannelBounded_AndDecidesEveryBeat_WhenTheChannelStaysFull() =>
        RunOverloadAsync(pauseAfter: TimeSpan.Zero, PausingBeats);

    private static async Task RunOverloadAsync(TimeSpan pauseAfter, int beats)
    {
        using var cluster = TestCluster.Embedded();
        using var stream = new ReliabilityStream(cluster, beats, partitions: 4);
        await using var detector = await InProcessDetector.StartAsync(stream.Settings(DeliveryGuarantee.AtLeastOnce, new Dictionary<string, string?>
        {
            // The shipped model on one thread scores a few hundred beats a second here: the flood below outruns it.
            ["Engine:ModelPath"] = Path.Combine(RepositoryPaths.Root, "models", "ecg5000.safetensors"),
            ["Batching:ChannelCapacity"] = ChannelCapacity.ToString(),
            ["Batching:MaxBatchSize"] = "16",
            ["Batching:PauseAfter"] = pauseAfter.ToString(),
        }));
        using var gauges = new PipelineGauges(detector.App.Services.GetRequiredService<IMeterFactory>());
        long maxLag = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            for (; !sampling.IsCancellationRequested; await Task.Delay(20)) maxLag = Math.Max(maxLag, gauges.Sample());
        });

        await stream.SendAsync(0, beats, beatsPerSecond: 1_000_000);
        await stream.Decisions.WaitForAllAsync(Timeout);
        bool drained = await WaitUntilAsync(() => gauges.Sample() == 0, Timeout);
        await sampling.CancelAsync();
        await sampler;

        Assert.True(stream.Ledger.IsComplete, stream.Ledger.ToString());
        Assert.Empty(stream.Ledger.Duplicated());
        if (pauseAfter == TimeSpan.Zero) Assert.True(gauges.Pauses >= 1, "the consumer never paused");
        else Assert.Equal(0, gauges.Pauses);
        Assert.InRange(gauges.MaxChannelDepth, 1, ChannelCapacity);
        // The backlog was in Kafka, not in the pipeline: far more than the channel could hold.
        Assert.True(maxLag > ChannelCapacity, $"largest lag seen {maxLag}");
        Assert.True(drained, "consumer lag did not return to 0");
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        for (var deadline = DateTime.UtcNow + timeout; !condition(); await Task.Delay(50))
            if (DateTime.UtcNow > deadline) return false;
        return true;
    }
}
