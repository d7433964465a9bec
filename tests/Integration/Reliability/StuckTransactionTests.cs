using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Detector.Producing;
using EcgStream.Detector.Telemetry;
using EcgStream.Kafka;
using EcgStream.Kafka.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcgStream.Integration.Reliability;

/// <summary>
/// The librdkafka fault behind <see cref="RenewableProducer"/>, reproduced with the real client and the embedded broker:
/// once the group coordinator a transactional producer has found was down, SendOffsetsToTransaction blocks long past its
/// timeout (librdkafka issues 5456 and 5511, open in 2.16), and only a new producer gets transactions committed again.
/// Then the detector's transaction writer on such a producer: it gives the transaction up and its beats are read again.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class StuckTransactionTests : IDisposable
{
    private const string Group = "stuck-group", TransactionalId = "stuck-txn", Input = "stuck-in", Output = "stuck-out";
    private const int GroupCoordinator = 2;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2), Outage = TimeSpan.FromSeconds(3), Grace = TimeSpan.FromSeconds(3);

    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(3);
    private readonly IConsumer<byte[]?, byte[]?> _groupMember;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);

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

    // A producer that has committed once (so it knows the group coordinator), with a second transaction open, across
    // an outage of the group coordinator.
    private async Task OpenTransactionAcrossACoordinatorOutageAsync(IProducer<byte[]?, byte[]> producer)
    {
        CommitOne(producer, 1);
        producer.BeginTransaction();
        producer.Produce(Output, new Message<byte[]?, byte[]> { Value = BitConverter.GetBytes(2L) });
        producer.Flush(TimeSpan.FromSeconds(10));
        await CoordinatorOutageAsync(producer);
    }

    // The group coordinator goes down for a moment and comes back. The producer refreshes its metadata meanwhile, as
    // librdkafka does on its own after errors, at a time it chooses: the broker is missing from it, so librdkafka
    // decommissions it, and its coordinator lookups then wait for a state change of a broker that no longer has a thread.
    private async Task CoordinatorOutageAsync(IProducer<byte[]?, byte[]> producer)
    {
        _broker.SetBrokerDown(GroupCoordinator);
        using (var metadata = new DependentAdminClientBuilder(producer.Handle).Build())
            Assert.DoesNotContain(metadata.GetMetadata(TimeSpan.FromSeconds(10)).Brokers, b => b.BrokerId == GroupCoordinator);
        await Task.Delay(Outage);
        _broker.SetBrokerUp(GroupCoordinator);
    }

    // The detector's transaction writer on a renewable producer, as TransactionalDelivery builds it, with beat 0 committed and
    // beat 1 in its open transaction across an outage of the group coordinator.
    private async Task<(ResultTransaction Transaction, RenewableProducer Producer, PipelineEpoch Epoch, DrainDeadline Drain, Channel<TopicPartitionOffset> Done)>
        WriterAcrossACoordinatorOutageAsync(DeliveryOptions options)
    {
        var epoch = new PipelineEpoch();
        epoch.SetGroup(_groupMember.ConsumerGroupMetadata);
        var drain = new DrainDeadline(Options.Create(options), TimeProvider.System);
        var renewable = new RenewableProducer(CreateProducer, Grace);
        var transaction = new ResultTransaction(renewable, epoch, options, drain, new DetectorMetrics(_services.GetRequiredService<IMeterFactory>()),
            TimeProvider.System, NullLogger.Instance, _lifetime);
        var done = Channel.CreateUnbounded<TopicPartitionOffset>();
        await WriteAsync(transaction, renewable, 0);
        await transaction.CommitAsync(done.Writer);
        await WriteAsync(transaction, renewable, 1);
        await CoordinatorOutageAsync(renewable.Current);
        return (transaction, renewable, epoch, drain, done);
    }

    // Opens (or keeps) a transaction holding the result of the input beat at offset and writes that result.
    private static async Task WriteAsync(ResultTransaction transaction, RenewableProducer producer, long offset)
    {
        Assert.True(await transaction.BeginAsync());
        transaction.Add(new TopicPartitionOffset(Input, 0, offset));
        producer.Current.Produce(Output, new Message<byte[]?, byte[]> { Value = BitConverter.GetBytes(offset) });
        producer.Current.Flush(TimeSpan.FromSeconds(10));
    }

    private static List<long> Drain(Channel<TopicPartitionOffset> done)
    {
        var offsets = new List<long>();
        while (done.Reader.TryRead(out var position)) offsets.Add(position.Offset.Value);
        return offsets;
    }

    [Fact]
    public async Task ResultTransaction_GivesUpAStuckCommit_RewindsToTheLastCommit_AndCommitsTheBeatAgainOnANewProducer()
    {
        var (transaction, renewable, epoch, _, done) = await WriterAcrossACoordinatorOutageAsync(new DeliveryOptions());
        using var _ = renewable;

        await transaction.CommitAsync(done.Writer);
        bool gaveUp = renewable.IsStuck;
        var doneAfterStuck = Drain(done);
        bool rewindRequested = epoch.RewindRequested;
        var rewindTargets = epoch.Advance();
        await WriteAsync(transaction, renewable, 1);
        await transaction.CommitAsync(done.Writer);

        Assert.True(gaveUp, "the commit was not given up as stuck");
        Assert.Equal([0L], doneAfterStuck);
        Assert.True(rewindRequested);
        Assert.Equal(1, rewindTargets[new TopicPartition(Input, 0)].Value);
        Assert.Equal([1L], Drain(done));
        Assert.False(renewable.IsStuck);
        Assert.False(_lifetime.ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task ResultTransaction_LeavesAStuckCommitToTheNextOwner_WhenStopping()
    {
        var (transaction, renewable, epoch, drain, done) = await WriterAcrossACoordinatorOutageAsync(new DeliveryOptions { DrainTimeout = TimeSpan.FromSeconds(1) });
        using var _ = renewable;

        drain.Start();
        await transaction.CommitAsync(done.Writer);

        Assert.Equal([0L], Drain(done));
        Assert.True(drain.RanOut);
        Assert.False(epoch.RewindRequested);
        Assert.False(await transaction.BeginAsync());
        Assert.True(renewable.IsStuck);
    }

    [Fact]
    public async Task Librdkafka_SendOffsetsToTransaction_BlocksPastItsTimeout_AfterTheGroupCoordinatorWasDown()
    {
        // Never disposed: disposing a producer under a blocked call hangs; the test process ends with it.
        var producer = CreateProducer();
        await OpenTransactionAcrossACoordinatorOutageAsync(producer);

        var call = Task.Factory.StartNew(() => SendOffsets(producer, 2, CallTimeout), TaskCreationOptions.LongRunning);
        bool returned = await Task.WhenAny(call, Task.Delay(CallTimeout * 6)) == call;

        // When this fails, librdkafka honours the timeout now: RenewableProducer's renewal is then a fallback only.
        Assert.False(returned, "SendOffsetsToTransaction returned within 6x its timeout");
    }

    [Fact]
    public async Task RenewableProducer_GivesUpTheStuckCall_AndItsNewProducerCommitsTransactions()
    {
        using var renewable = new RenewableProducer(CreateProducer, Grace);
        await OpenTransactionAcrossACoordinatorOutageAsync(renewable.Current);

        var stuck = Assert.Throws<ProducerStuckException>(() => renewable.Transact((p, timeout) => SendOffsets(p, 2, timeout), CallTimeout));
        renewable.Renew();
        CommitOne(renewable.Current, 3);

        Assert.Equal(CallTimeout + Grace, stuck.Waited);
        Assert.False(renewable.IsStuck);
        Assert.True(OutputShows(3), "the new producer's transaction is not in the output topic");
    }

    // True once a read_committed reader of the output topic sees value; false when none has come for 5 s.
    private bool OutputShows(long value)
    {
        var values = TopicReader.ReadUntil(new KafkaOptions { BootstrapServers = _broker.BootstrapServers }, Output, records => records.Contains(value),
            TimeSpan.FromSeconds(60), message => BitConverter.ToInt64(message.Value), quiet: TimeSpan.FromSeconds(5));
        return values.Contains(value);
    }

    public void Dispose()
    {
        _services.Dispose();
        _groupMember.Dispose();
        _broker.Dispose();
    }
}
