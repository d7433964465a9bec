using System.Diagnostics;
using EcgStream.Detector.Producing;
using EcgStream.Integration.Streaming;
using Xunit.Abstractions;

namespace EcgStream.Integration.Reliability;

/// <summary>
/// The throughput cost of exactly-once, measured side by side in one run: a backlog of beats drained by a detector in
/// each mode, twice, alternating, after an unreported warm-up run. The small test model makes the Kafka work dominate, so this is the cost's upper bound.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class DeliveryThroughputTests(ITestOutputHelper output)
{
    private const int BeatCount = 6000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task BothGuarantees_DecideEveryBeat_AndReportTheirThroughput()
    {
        using var cluster = TestCluster.Embedded();
        var results = new List<string>();
        // The first run pays for JIT compilation and the broker's first connections; it is not reported.
        DeliveryGuarantee?[] runs = [null, DeliveryGuarantee.AtLeastOnce, DeliveryGuarantee.ExactlyOnce, DeliveryGuarantee.AtLeastOnce, DeliveryGuarantee.ExactlyOnce];
        foreach (var run in runs)
        {
            var guarantee = run ?? DeliveryGuarantee.AtLeastOnce;
            using var stream = new ReliabilityStream(cluster, BeatCount);
            await stream.SendAsync(0, BeatCount, beatsPerSecond: 1_000_000);

            var clock = Stopwatch.StartNew();
            await using (var detector = await InProcessDetector.StartAsync(stream.Settings(guarantee)))
                await stream.Decisions.WaitUntilAsync(l => l.IsComplete, Deadline);
            var elapsed = clock.Elapsed;

            if (run is not null) results.Add($"{guarantee}: {BeatCount / elapsed.TotalSeconds:F0} beats/s (start to last decision, {elapsed.TotalSeconds:F2} s)");
            Assert.Empty(stream.Ledger.Lost());
            if (guarantee == DeliveryGuarantee.ExactlyOnce) Assert.Empty(stream.Ledger.Duplicated());
        }
        foreach (string line in results) output.WriteLine(line);
    }
}
