using Confluent.Kafka;
using EcgStream.Detector.Consuming;

namespace EcgStream.Detector.Tests.Consuming;

public sealed class OffsetLedgerTests
{
    private static readonly TopicPartition P0 = new("ecg.beats", 0), P1 = new("ecg.beats", 1);

    private static OffsetLedger LedgerTracking(TopicPartition partition, params long[] offsets)
    {
        var ledger = new OffsetLedger();
        ledger.Assign([partition]);
        foreach (long offset in offsets) ledger.Track(new TopicPartitionOffset(partition, offset));
        return ledger;
    }

    [Fact]
    public void OffsetLedger_StoresNothing_UntilEarlierOffsetsAreDone()
    {
        var ledger = LedgerTracking(P0, 10, 11, 12);

        ledger.Complete(new TopicPartitionOffset(P0, 11));
        ledger.Complete(new TopicPartitionOffset(P0, 12));

        Assert.Empty(ledger.TakeStorable());
        Assert.Equal(3, ledger.InFlight);
    }

    [Fact]
    public void OffsetLedger_StoresNextOffset_AfterContiguousDonePrefix()
    {
        var ledger = LedgerTracking(P0, 10, 11, 12, 13);
        ledger.Complete(new TopicPartitionOffset(P0, 12));
        ledger.Complete(new TopicPartitionOffset(P0, 11));

        ledger.Complete(new TopicPartitionOffset(P0, 10));

        Assert.Equal([new TopicPartitionOffset(P0, 13)], ledger.TakeStorable());
        Assert.Equal(1, ledger.InFlight);
    }

    [Fact]
    public void OffsetLedger_ReturnsEachStorableOffsetOnce()
    {
        var ledger = LedgerTracking(P0, 5);
        ledger.Complete(new TopicPartitionOffset(P0, 5));

        var first = ledger.TakeStorable();
        var second = ledger.TakeStorable();

        Assert.Single(first);
        Assert.Empty(second);
    }

    [Fact]
    public void OffsetLedger_TracksPartitionsIndependently()
    {
        var ledger = LedgerTracking(P0, 0, 1);
        ledger.Assign([P1]);
        ledger.Track(new TopicPartitionOffset(P1, 7));

        ledger.Complete(new TopicPartitionOffset(P1, 7));

        Assert.Equal([new TopicPartitionOffset(P1, 8)], ledger.TakeStorable());
    }

    [Fact]
    public void OffsetLedger_IgnoresAcknowledgements_ForRevokedPartitions()
    {
        var ledger = LedgerTracking(P0, 0, 1);

        ledger.Revoke([P0]);
        ledger.Complete(new TopicPartitionOffset(P0, 0));

        Assert.Empty(ledger.TakeStorable());
        Assert.Equal(0, ledger.InFlight);
    }

    [Fact]
    public void OffsetLedger_IgnoresRepeatedAcknowledgement()
    {
        var ledger = LedgerTracking(P0, 0, 1);
        ledger.Complete(new TopicPartitionOffset(P0, 0));
        ledger.TakeStorable();

        ledger.Complete(new TopicPartitionOffset(P0, 0));

        Assert.Empty(ledger.TakeStorable());
        Assert.Equal(1, ledger.InFlight);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(10000)]
    public void OffsetLedger_StoresLastPlusOne_WhenAllDoneInRandomOrder(int count)
    {
        var ledger = LedgerTracking(P0, Enumerable.Range(100, count).Select(o => (long)o).ToArray());
        var order = Enumerable.Range(100, count).ToArray();
        new Random(20240601).Shuffle(order);

        foreach (int offset in order) ledger.Complete(new TopicPartitionOffset(P0, offset));

        Assert.Equal([new TopicPartitionOffset(P0, 100 + count)], ledger.TakeStorable());
        Assert.Equal(0, ledger.InFlight);
    }
}
