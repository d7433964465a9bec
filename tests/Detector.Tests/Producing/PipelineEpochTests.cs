using Confluent.Kafka;
using EcgStream.Detector.Producing;

namespace EcgStream.Detector.Tests.Producing;

public sealed class PipelineEpochTests
{
    private static readonly TopicPartition P0 = new("ecg.beats", 0), P1 = new("ecg.beats", 1);

    // The group metadata is opaque to the epoch; any instance stands for "the consumer has joined".
    private sealed class Group : IConsumerGroupMetadata;

    [Fact]
    public void TryCommit_DoesNotRun_BeforeTheConsumerHasAGroup()
    {
        var epoch = new PipelineEpoch();

        bool ran = false;
        bool committed = epoch.TryCommit(epoch.Current, [], _ => ran = true);

        Assert.False(committed);
        Assert.False(ran);
    }

    [Fact]
    public void TryCommit_DoesNotRun_WhenItsEpochIsOver()
    {
        var epoch = new PipelineEpoch();
        epoch.SetGroup(new Group());
        int started = epoch.Current;

        epoch.Advance();
        bool ran = false;
        bool committed = epoch.TryCommit(started, [new TopicPartitionOffset(P0, 10)], _ => ran = true);

        Assert.False(committed);
        Assert.False(ran);
        Assert.Empty(epoch.Advance());
    }

    [Fact]
    public void Advance_ReturnsTheOffsetsOfCommittedTransactions_AsRewindTargets()
    {
        var epoch = new PipelineEpoch();
        epoch.SetGroup(new Group());

        epoch.TryCommit(epoch.Current, [new TopicPartitionOffset(P0, 10), new TopicPartitionOffset(P1, 4)], _ => { });
        epoch.TryCommit(epoch.Current, [new TopicPartitionOffset(P0, 17)], _ => { });
        var targets = epoch.Advance();

        Assert.Equal(new Offset(17), targets[P0]);
        Assert.Equal(new Offset(4), targets[P1]);
    }

    [Fact]
    public void Forget_DropsRewindTargets_OfReassignedPartitions()
    {
        var epoch = new PipelineEpoch();
        epoch.SetGroup(new Group());
        epoch.TryCommit(epoch.Current, [new TopicPartitionOffset(P0, 10), new TopicPartitionOffset(P1, 4)], _ => { });

        epoch.Forget([P0]);
        var targets = epoch.Advance();

        Assert.False(targets.ContainsKey(P0));
        Assert.Equal(new Offset(4), targets[P1]);
    }

    [Fact]
    public void Advance_ClearsARewindRequest_AndStartsANewEpoch()
    {
        var epoch = new PipelineEpoch();
        int before = epoch.Current;

        epoch.RequestRewind();
        Assert.True(epoch.RewindRequested);
        epoch.Advance();

        Assert.False(epoch.RewindRequested);
        Assert.Equal(before + 1, epoch.Current);
    }
}
