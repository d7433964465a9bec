using Confluent.Kafka;
using EcgStream.Detector.Producing;
using EcgStream.Integration.Streaming;
using EcgStream.Kafka.Embedded;
using Xunit.Abstractions;

namespace EcgStream.Integration.Reliability;

/// <summary>
/// Broker faults injected into the embedded broker while a detector (in this process) scores a steady stream: after each
/// the stream recovers by itself and the ledger shows no beat lost, and with exactly-once none duplicated. The group is
/// never restarted here, so exactly-once holds on the embedded broker too, with one exception: a transaction the
/// detector had to give up (its producer stuck, see RenewableProducer) is aborted, and the embedded broker, which writes
/// no abort markers, still shows its results to read_committed readers (Kafka hides them).
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class BrokerFaultTests(ITestOutputHelper output)
{
    private const int BeatCount = 1000, Brokers = 3;
    private const double BeatsPerSecond = 400;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(DeliveryGuarantee.AtLeastOnce)]
    [InlineData(DeliveryGuarantee.ExactlyOnce)]
    public Task Stream_LosesNoBeat_WhenABrokerGoesDownAndComesBack(DeliveryGuarantee guarantee) =>
        RunAsync(guarantee, async (broker, _) =>
        {
            broker.SetBrokerDown(2);
            await Task.Delay(TimeSpan.FromSeconds(2));
            broker.SetBrokerUp(2);
        });

    /// <remarks>
    /// The outage also costs the detector its group membership (its partitions are lost, then assigned again), so it
    /// resumes from the broker's committed offsets. The embedded broker keeps only the plain commits, not the offsets
    /// committed with transactions, so beats since the last plain commit are decided again with exactly-once too; a
    /// Kafka broker would resume from the transactional offsets. With exactly-once this is also where librdkafka's
    /// SendOffsetsToTransaction can block long past its timeout (in 4 of 10 runs here): the detector then gives that
    /// transaction up, renews its producer and reads those beats again.
    /// </remarks>
    [Theory]
    [InlineData(DeliveryGuarantee.AtLeastOnce)]
    [InlineData(DeliveryGuarantee.ExactlyOnce)]
    public Task Stream_LosesNoBeat_WhenTheGroupCoordinatorGoesDownAndComesBack(DeliveryGuarantee guarantee) =>
        RunAsync(guarantee, async (broker, stream) =>
        {
            broker.SetGroupCoordinator(stream.ConsumerGroup, 2);
            await Task.Delay(TimeSpan.FromSeconds(1));
            broker.SetBrokerDown(2);
            await Task.Delay(TimeSpan.FromSeconds(5));
            broker.SetBrokerUp(2);
        }, duplicatesVisible: true);

    [Theory]
    [InlineData(DeliveryGuarantee.AtLeastOnce)]
    [InlineData(DeliveryGuarantee.ExactlyOnce)]
    public Task Stream_LosesNoBeat_WhenProduceRequestsFail(DeliveryGuarantee guarantee) =>
        RunAsync(guarantee, (broker, _) =>
        {
            broker.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, ErrorCode.LeaderNotAvailable,
                ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicas, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut);
            return Task.CompletedTask;
        });

    [Theory]
    [InlineData(DeliveryGuarantee.AtLeastOnce)]
    [InlineData(DeliveryGuarantee.ExactlyOnce)]
    public Task Stream_LosesNoBeat_WhenFetchRequestsFail(DeliveryGuarantee guarantee) =>
        RunAsync(guarantee, (broker, _) =>
        {
            broker.PushRequestErrors(KafkaApiKey.Fetch, ErrorCode.NotLeaderForPartition, ErrorCode.LeaderNotAvailable,
                ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut);
            return Task.CompletedTask;
        });

    [Theory]
    [InlineData(DeliveryGuarantee.AtLeastOnce)]
    [InlineData(DeliveryGuarantee.ExactlyOnce)]
    public Task Stream_LosesNoBeat_WhenCommitRequestsFail(DeliveryGuarantee guarantee) =>
        RunAsync(guarantee, (broker, _) =>
        {
            // Plain commits (both modes), offsets sent with a transaction and transaction ends (exactly-once).
            broker.PushRequestErrors(KafkaApiKey.OffsetCommit, ErrorCode.GroupCoordinatorNotAvailable, ErrorCode.NotCoordinatorForGroup, ErrorCode.RequestTimedOut);
            broker.PushRequestErrors(KafkaApiKey.TxnOffsetCommit, ErrorCode.GroupLoadInProgress, ErrorCode.NotCoordinatorForGroup);
            broker.PushRequestErrors(KafkaApiKey.EndTxn, ErrorCode.GroupCoordinatorNotAvailable, ErrorCode.ConcurrentTransactions);
            return Task.CompletedTask;
        });

    [Theory]
    [InlineData(DeliveryGuarantee.AtLeastOnce)]
    [InlineData(DeliveryGuarantee.ExactlyOnce)]
    public Task Stream_LosesNoBeat_WhenTheCoordinatorsMove(DeliveryGuarantee guarantee) =>
        RunAsync(guarantee, async (broker, stream) =>
        {
            for (int brokerId = 2; brokerId <= Brokers; brokerId++)
            {
                broker.SetGroupCoordinator(stream.ConsumerGroup, brokerId);
                broker.SetTransactionCoordinator(TransactionalId(stream), brokerId);
                await Task.Delay(TimeSpan.FromMilliseconds(700));
            }
        });

    [Theory]
    [InlineData(DeliveryGuarantee.AtLeastOnce)]
    [InlineData(DeliveryGuarantee.ExactlyOnce)]
    public Task Stream_LosesNoBeat_WhenBrokersAreSlow(DeliveryGuarantee guarantee) =>
        RunAsync(guarantee, async (broker, _) =>
        {
            for (int brokerId = 1; brokerId <= Brokers; brokerId++) broker.SetBrokerRoundTrip(brokerId, TimeSpan.FromMilliseconds(250));
            await Task.Delay(TimeSpan.FromSeconds(2));
            for (int brokerId = 1; brokerId <= Brokers; brokerId++) broker.SetBrokerRoundTrip(brokerId, TimeSpan.Zero);
        });

    /// <remarks>
    /// Closer to a real broker in trouble (a long GC pause, a stalled disk) than a round-trip time set for all requests:
    /// each broker serving produce requests (the detector's results and the test's beats) holds its next two answers for
    /// 1.5 s and 2 s, and each broker serving fetches holds its next one for 2 s and then answers NOT_LEADER_FOR_PARTITION,
    /// so the consumers look the leaders up again. Request tracking finds those brokers and proves the fault happened:
    /// every held answer was used (each stalled broker got at least as many requests of that kind as it held answers; a
    /// broker whose partitions moved may get no more than those), and the ledger shows the stream recovered.
    /// Produce errors are not delayed here: the embedded broker then acknowledges a retried idempotent batch it never wrote
    /// (a later batch on the same connection was accepted past the gap, so the retry reads as a duplicate), which loses
    /// beats on the broker's side; Kafka rejects such a later batch as out of order instead.
    /// </remarks>
    [Theory]
    [InlineData(DeliveryGuarantee.AtLeastOnce)]
    [InlineData(DeliveryGuarantee.ExactlyOnce)]
    public async Task Stream_LosesNoBeat_WhenBrokersStall(DeliveryGuarantee guarantee)
    {
        (KafkaApiKey ApiKey, (ErrorCode Error, TimeSpan Delay)[] Responses)[] stalls =
        [
            (KafkaApiKey.Produce, [(ErrorCode.NoError, TimeSpan.FromMilliseconds(1500)), (ErrorCode.NoError, TimeSpan.FromMilliseconds(2000))]),
            (KafkaApiKey.Fetch, [(ErrorCode.NotLeaderForPartition, TimeSpan.FromMilliseconds(2000))]),
        ];
        var stalled = new List<(KafkaApiKey ApiKey, int BrokerId)>();
        int trackedBeforeStall = 0;

        await RunAsync(guarantee, async (broker, _) =>
        {
            broker.StartRequestTracking();
            // Wait until both kinds of request have been seen (a loaded machine may need more than a moment), then stall
            // the brokers that served them.
            var seen = broker.TrackedRequests();
            for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(10); waited += TimeSpan.FromMilliseconds(100))
            {
                seen = broker.TrackedRequests();
                if (stalls.All(stall => seen.Any(r => r.ApiKey == stall.ApiKey))) break;
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
            trackedBeforeStall = seen.Count;
            foreach (var (apiKey, responses) in stalls)
                foreach (int brokerId in seen.Where(r => r.ApiKey == apiKey).Select(r => r.BrokerId).Distinct().Order())
                {
                    broker.PushBrokerResponses(brokerId, apiKey, responses);
                    stalled.Add((apiKey, brokerId));
                }
        }, afterRecovery: broker =>
        {
            var afterStall = broker.TrackedRequests().Skip(trackedBeforeStall).CountBy(r => (r.ApiKey, r.BrokerId)).ToDictionary();
            broker.StopRequestTracking();
            output.WriteLine("requests after the stall: " + string.Join(", ", stalled.Select(s => $"{s.ApiKey} on {s.BrokerId}: {afterStall.GetValueOrDefault(s)}")));

            Assert.Contains(stalled, s => s.ApiKey == KafkaApiKey.Produce);
            Assert.Contains(stalled, s => s.ApiKey == KafkaApiKey.Fetch);
            Assert.All(stalled, s => Assert.Equal(0, broker.PendingBrokerResponses(s.BrokerId, s.ApiKey)));
            Assert.All(stalled, s => Assert.True(afterStall.GetValueOrDefault(s) >= stalls.Single(x => x.ApiKey == s.ApiKey).Responses.Length,
                $"broker {s.BrokerId} got {afterStall.GetValueOrDefault(s)} {s.ApiKey} requests after its stall, the held ones included"));
        });
    }

    /// <remarks>
    /// A refused partition makes the transaction abortable: the detector aborts, rewinds to its last commit and goes on.
    /// The embedded broker writes no abort markers, so a read_committed reader still sees the aborted results: the
    /// ledger proves no loss here, not the absence of duplicates (Kafka hides aborted results).
    /// </remarks>
    [Fact]
    public Task ExactlyOnce_RewindsAndLosesNoBeat_WhenATransactionMustAbort() =>
        RunAsync(DeliveryGuarantee.ExactlyOnce, (broker, _) =>
        {
            broker.PushRequestErrors(KafkaApiKey.AddPartitionsToTxn, ErrorCode.TopicAuthorizationFailed);
            return Task.CompletedTask;
        }, duplicatesVisible: true);

    private static string TransactionalId(ReliabilityStream stream) => $"{stream.ConsumerGroup}-txn";

    // Tells a beat the detector lost from one the broker never kept: the embedded broker has been seen to acknowledge an
    // idempotent produce it did not write under produce errors, and then the beat is not on the beats topic at all.
    private static string WhereTheLostBeatsAre(TestCluster cluster, ReliabilityStream stream, List<string> lost)
    {
        var values = TopicReader.ReadUntil(cluster.Options, stream.BeatsTopic, records => records.Count >= BeatCount, TimeSpan.FromSeconds(10),
            message => System.Text.Encoding.UTF8.GetString(message.Value));
        int read = values.Count;
        var onTopic = lost.Where(id => values.Any(text => text.Contains($"\"{id}\"", StringComparison.Ordinal))).ToHashSet();
        return $"beats topic holds {read} records; lost beats on it: [{string.Join(", ", onTopic)}], "
            + $"not on it (never kept by the broker): [{string.Join(", ", lost.Except(onTopic))}]";
    }

    private async Task RunAsync(DeliveryGuarantee guarantee, Func<EmbeddedBroker, ReliabilityStream, Task> fault, bool duplicatesVisible = false,
        Action<EmbeddedBroker>? afterRecovery = null)
    {
        using var cluster = TestCluster.Embedded(Brokers);
        using var stream = new ReliabilityStream(cluster, BeatCount);
        await using var detector = await InProcessDetector.StartAsync(stream.Settings(guarantee, new Dictionary<string, string?>
        {
            ["Detector:TransactionalId"] = TransactionalId(stream),
        }));
        var sending = stream.SendAsync(0, BeatCount, BeatsPerSecond);

        Assert.True(await stream.Decisions.WaitUntilAsync(l => l.DecidedCount >= BeatCount / 4, Recovery), $"no decisions before the fault: {stream.Ledger}");
        await fault(cluster.Broker!, stream);
        await sending;
        await stream.Decisions.WaitForAllAsync(Recovery);
        bool gaveUpStuckTransaction = await detector.ReportsProducerErrorAsync("producer_stuck");

        output.WriteLine($"{guarantee}: {stream.Ledger}; gave up a stuck transaction: {gaveUpStuckTransaction}");
        if (stream.Ledger.Lost() is { Count: > 0 } lost) output.WriteLine(WhereTheLostBeatsAre(cluster, stream, lost));
        Assert.Equal(BeatCount, stream.Ledger.SentCount);
        Assert.Empty(stream.Ledger.Lost());
        Assert.Empty(stream.Ledger.Unexpected());
        if (guarantee == DeliveryGuarantee.ExactlyOnce && !duplicatesVisible && !gaveUpStuckTransaction) Assert.Empty(stream.Ledger.Duplicated());
        afterRecovery?.Invoke(cluster.Broker!);
    }
}
