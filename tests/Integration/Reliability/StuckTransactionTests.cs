using Confluent.Kafka;
using EcgStream.Detector.Producing;
using EcgStream.Kafka.Embedded;

namespace EcgStream.Integration.Reliability;

/// <summary>
/// The librdkafka fault behind <see cref="RenewableProducer"/>, reproduced with the real client and the embedded broker:
/// once the group coordinator a transactional producer has found was down, SendOffsetsToTransaction blocks long past its
/// timeout (librdkafka issues 5456 and 5511, open in 2.16), and only a new producer gets transactions committed again.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class StuckTransactionTests : IDisposable
{
    private const string Group = "stuck-group", TransactionalId = "stuck-txn", Input = "stuck-in", Output = "stuck-out";
    private const int GroupCoordinator = 2;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2), Outage = TimeSpan.FromSeconds(3);

    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(3);
    private readonly IConsumer<byte[]?, byte[]?> _groupMember;

    public StuckTransactionTests()
    {
        _broker.CreateTopic(Input);
        _broker.CreateTopic(Output);
        _broker.SetGroupCoordinator(Group, GroupCoordinator);
        _broker.SetTransactionCoordinator(TransactionalId, 1);
        _groupMember = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = Group })
            .SetLogHandler((_, _) => { })
            .Build();
    }

    private IProducer<byte[]?, byte[]> CreateProducer()
    {
        var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers, TransactionalId = TransactionalId })
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
        producer.InitTransactions(TimeSpan.FromSeconds(30));
        return producer;
    }

    // One transaction with offsets, as the detector commits them.
    private void CommitOne(IProducer<byte[]?, byte[]> producer, long offset)
    {
        producer.BeginTransaction();
        producer.Produce(Output, new Message<byte[]?, byte[]> { Value = BitConverter.GetBytes(offset) });
        SendOffsets(producer, offset, CallTimeout);
        producer.CommitTransaction(CallTimeout);
    }

    private void SendOffsets(IProducer<byte[]?, byte[]> producer, long offset, TimeSpan timeout) =>
        producer.SendOffsetsToTransaction([new TopicPartitionOffset(Input, 0, offset)], _groupMember.ConsumerGroupMetadata, timeout);

    // A producer that has committed once (so it knows the group coordinator), with a second transaction open, while
    // the group coordinator goes down for a moment and comes back. The producer refreshes its metadata meanwhile, as
    // librdkafka does on its own after errors, at a time it chooses: the broker is missing from it, so librdkafka
    // decommissions it, and its coordinator lookups then wait for a state change of a broker that no longer has a thread.
    private async Task OpenTransactionAcrossACoordinatorOutageAsync(IProducer<byte[]?, byte[]> producer)
    {
        CommitOne(producer, 1);
        producer.BeginTransaction();
        producer.Produce(Output, new Message<byte[]?, byte[]> { Value = BitConverter.GetBytes(2L) });
        producer.Flush(TimeSpan.FromSeconds(10));
        _broker.SetBrokerDown(GroupCoordinator);
        using (var metadata = new DependentAdminClientBuilder(producer.Handle).Build())
            Assert.DoesNotContain(metadata.GetMetadata(TimeSpan.FromSeconds(10)).Brokers, b => b.BrokerId == GroupCoordinator);
        await Task.Delay(Outage);
        _broker.SetBrokerUp(GroupCoordinator);
    }

    [Fact]
    public async Task Librdkafka_SendOffsetsToTransaction_BlocksPastItsTimeout_AfterTheGroupCoordinatorWasDown()
    {
        // Never disposed: disposing a producer under a blocked call hangs; the test process ends with it.
        var producer = CreateProducer();
        await OpenTransactionAcrossACoordinatorOutageAsync(producer);

        var call = Task.Factory.StartNew(() => SendOffsets(producer, 2, CallTimeout), TaskCreationOptions.LongRunning);
        bool returned = call.Wait(CallTimeout * 6);

        // When this fails, librdkafka honours the timeout now: RenewableProducer's renewal is then a fallback only.
        Assert.False(returned, "SendOffsetsToTransaction returned within 6x its timeout");
    }

    [Fact]
    public async Task RenewableProducer_GivesUpTheStuckCall_AndItsNewProducerCommitsTransactions()
    {
        using var renewable = new RenewableProducer(CreateProducer, grace: TimeSpan.FromSeconds(3));
        await OpenTransactionAcrossACoordinatorOutageAsync(renewable.Current);

        var stuck = Assert.Throws<ProducerStuckException>(() => renewable.Transact((p, timeout) => SendOffsets(p, 2, timeout), CallTimeout));
        renewable.Renew();
        CommitOne(renewable.Current, 3);

        Assert.Equal(CallTimeout + TimeSpan.FromSeconds(3), stuck.Waited);
        Assert.False(renewable.IsStuck);
        Assert.True(OutputShows(3), "the new producer's transaction is not in the output topic");
    }

    // True once a read_committed reader of the output topic sees value; false when none has come for 5 s.
    private bool OutputShows(long value)
    {
        using var reader = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _broker.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = IsolationLevel.ReadCommitted,
        }).SetLogHandler((_, _) => { }).Build();
        reader.Subscribe(Output);
        while (reader.Consume(TimeSpan.FromSeconds(5)) is { } record)
            if (BitConverter.ToInt64(record.Message.Value) == value) return true;
        return false;
    }

    public void Dispose()
    {
        _groupMember.Dispose();
        _broker.Dispose();
    }
}
