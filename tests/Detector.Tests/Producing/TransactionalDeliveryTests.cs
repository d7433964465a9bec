using Confluent.Kafka;
using EcgStream.Detector.Pipeline;
using EcgStream.Detector.Producing;
using EcgStream.Detector.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Tests.Producing;

/// <summary>
/// The consume side of exactly-once delivery and which beats it admits; nothing here opens a transaction, so its producer
/// needs no broker. Commits, aborts and stuck producers run against the embedded broker (tests/Integration/Reliability).
/// </summary>
public sealed class TransactionalDeliveryTests : IDisposable
{
    private static readonly TopicPartition P0 = new("ecg.beats", 0), P1 = new("ecg.beats", 1);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<IProducer<byte[]?, byte[]>> _producers = [];

    private TransactionalDelivery Create()
    {
        var options = Options.Create(new DeliveryOptions());
        return new TransactionalDelivery(() =>
            {
                var producer = NoBroker.Producer();
                _producers.Add(producer);
                return producer;
            }, options, new DrainDeadline(options, TimeProvider.System),
            new DetectorMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), TimeProvider.System,
            NullLogger<TransactionalDelivery>.Instance, new StoppingLifetime());
    }

    private static BeatEnvelope Beat(int epoch) => new() { Position = new TopicPartitionOffset(P0, 5), Epoch = epoch, ConsumedTimestamp = 0 };

    [Fact]
    public void TransactionalDelivery_RewindsEachPartition_ToWhereThisProcessStartedReadingIt_WhenNothingCommitted()
    {
        var delivery = Create();
        delivery.Read(new TopicPartitionOffset(P0, 5));
        delivery.Read(new TopicPartitionOffset(P0, 6));
        delivery.Read(new TopicPartitionOffset(P1, 3));

        var rewind = delivery.Rewind([P0, P1]);

        Assert.Equal([new TopicPartitionOffset(P0, 5), new TopicPartitionOffset(P1, 3)], rewind.Targets);
        Assert.Equal([P0, P1], rewind.Partitions);
    }

    [Fact]
    public void TransactionalDelivery_SeeksNoPartition_ThatWasNotReadSinceItWasAssigned()
    {
        var delivery = Create();
        using var consumer = NoBroker.Consumer();
        delivery.Read(new TopicPartitionOffset(P0, 5));
        delivery.Assigned(consumer, [P0]);

        var rewind = delivery.Rewind([P0]);

        Assert.Empty(rewind.Targets);
        Assert.Equal([P0], rewind.Partitions);
    }

    [Fact]
    public void TransactionalDelivery_StartsANewEpoch_WithEachRewind()
    {
        var delivery = Create();

        var first = delivery.Rewind([P0]);
        var second = delivery.Rewind([P0]);

        Assert.Equal(first.Epoch + 1, second.Epoch);
    }

    [Fact]
    public void TransactionalDelivery_AdmitsOnlyBeatsOfTheCurrentEpoch()
    {
        var delivery = Create();
        bool beforeRewind = delivery.Admit(Beat(epoch: 0));

        var rewind = delivery.Rewind([P0]);

        Assert.True(beforeRewind);
        Assert.False(delivery.Admit(Beat(epoch: 0)));
        Assert.True(delivery.Admit(Beat(rewind.Epoch)));
    }

    [Fact]
    public void TransactionalDelivery_StartsANewEpoch_WhenPartitionsLeave()
    {
        var delivery = Create();
        using var consumer = NoBroker.Consumer();

        var rewind = delivery.RewindOnLeave(consumer, [P0]);

        Assert.NotNull(rewind);
        Assert.False(delivery.Admit(Beat(epoch: 0)));
    }

    [Fact]
    public void TransactionalDelivery_RewindsOnlyWhenTheWriterAsks_AndHasNothingToSettle_BeforeATransactionOpens()
    {
        var delivery = Create();
        using var consumer = NoBroker.Consumer();

        Assert.Null(delivery.RequestedRewind(consumer));
        Assert.Null(delivery.SettleWithin);
    }

    public void Dispose()
    {
        foreach (var producer in _producers) producer.Dispose();
        _services.Dispose();
    }
}
