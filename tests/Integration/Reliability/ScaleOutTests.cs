using System.Diagnostics;
using EcgStream.Detector.Producing;
using EcgStream.Integration.Streaming;
using Xunit.Abstractions;

namespace EcgStream.Integration.Reliability;

/// <summary>
/// Several detectors in one consumer group (cooperative-sticky assignor) on a six-partition topic: members join and
/// one leaves mid-stream, and the ledger shows no beat lost; the group's throughput is reported.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const int Partitions = 6, BeatCount = 2000;
    private const double BeatsPerSecond = 400;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Group_LosesNoBeat_WhenDetectorsJoinAndOneLeavesMidStream(int detectors)
    {
        using var cluster = TestCluster.Embedded();
        var ledger = await JoinAndLeaveAsync(cluster, detectors, DeliveryGuarantee.AtLeastOnce);

        Assert.Empty(ledger.Lost());
        Assert.Empty(ledger.Unexpected());
    }

    /// <remarks>
    /// Exactly-once through rebalances: a revoke aborts the open transaction, which the embedded broker does not hide
    /// from read_committed readers, and moved partitions resume from offsets sent with transactions, which it does not keep.
    /// </remarks>
    [ExternalKafkaFact]
    public async Task Group_DecidesEachBeatOnce_WhenDetectorsJoinAndOneLeavesMidStream_WithExactlyOnce_OnExternalBroker()
    {
        using var cluster = TestCluster.External();
        var ledger = await JoinAndLeaveAsync(cluster, 3, DeliveryGuarantee.ExactlyOnce);

        Assert.Empty(ledger.Lost());
        Assert.Empty(ledger.Duplicated());
        Assert.Empty(ledger.Unexpected());
    }

    [Fact]
    public async Task Group_DecidesEveryBeat_AndReportsThroughput_WithOneTwoAndThreeDetectors()
    {
        using var cluster = TestCluster.Embedded();
        foreach (int detectors in (int[])[1, 2, 3])
        {
            using var stream = new ReliabilityStream(cluster, BeatCount, Partitions);
            var members = new List<InProcessDetector>();
            for (int i = 0; i < detectors; i++) members.Add(await InProcessDetector.StartAsync(stream.Settings(DeliveryGuarantee.AtLeastOnce)));
            // Every member holds partitions before the backlog arrives, so the time measures the group, not its forming.
            await WaitAssignedAsync(members);

            var clock = Stopwatch.StartNew();
            await stream.SendAsync(0, BeatCount, beatsPerSecond: 1_000_000);
            await stream.Decisions.WaitUntilAsync(l => l.IsComplete, Recovery);
            var elapsed = clock.Elapsed;
            foreach (var member in members) await member.StopAsync();

            output.WriteLine($"{detectors} detector(s): {BeatCount} beats in {elapsed.TotalSeconds:F2} s = {BeatCount / elapsed.TotalSeconds:F0} beats/s; {stream.Ledger}");
            Assert.Empty(stream.Ledger.Lost());
        }
    }

    private async Task<BeatLedger> JoinAndLeaveAsync(TestCluster cluster, int detectors, DeliveryGuarantee guarantee)
    {
        using var stream = new ReliabilityStream(cluster, BeatCount, Partitions);
        var settings = stream.Settings(guarantee);
        var members = new List<InProcessDetector> { await InProcessDetector.StartAsync(settings) };
        try
        {
            var clock = Stopwatch.StartNew();
            var sending = stream.SendAsync(0, BeatCount, BeatsPerSecond);

            Assert.True(await stream.Decisions.WaitUntilAsync(l => l.DecidedCount >= BeatCount / 5, Recovery), $"no decisions: {stream.Ledger}");
            for (int i = 1; i < detectors; i++) members.Add(await InProcessDetector.StartAsync(settings));
            Assert.True(await stream.Decisions.WaitUntilAsync(l => l.DecidedCount >= BeatCount / 2, Recovery), $"stalled after the join: {stream.Ledger}");
            await members[0].StopAsync();
            await sending;
            await stream.Decisions.WaitForAllAsync(Recovery);

            output.WriteLine($"{detectors} detectors, join at {BeatCount / 5} and leave at {BeatCount / 2} decided, {guarantee}: {stream.Ledger}; "
                + $"{stream.Ledger.DecidedCount / clock.Elapsed.TotalSeconds:F0} beats/s at {BeatsPerSecond} offered");
            Assert.Equal(BeatCount, stream.Ledger.SentCount);
            return stream.Ledger;
        }
        finally
        {
            foreach (var member in members) await member.StopAsync();
        }
    }

    private static async Task WaitAssignedAsync(List<InProcessDetector> members)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !members.All(m => m.IsAssigned); await Task.Delay(50))
            if (DateTime.UtcNow > deadline) throw new TimeoutException("not every detector got partitions within 30 s");
    }
}
