using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Detector.Consuming;
using EcgStream.Detector.Pipeline;

namespace EcgStream.Detector.Tests.Consuming;

public sealed class ChannelRoomTests
{
    private static readonly TimeSpan NoWait = TimeSpan.Zero;

    private static BeatEnvelope Beat(long offset) =>
        new() { Position = new TopicPartitionOffset("ecg.beats", 0, offset), ConsumedTimestamp = 0 };

    // A bounded channel of the given capacity holding one beat, and the room of its writer.
    private static (Channel<BeatEnvelope> Channel, ChannelRoom Room) OneBeatIn(int capacity)
    {
        var channel = Channel.CreateBounded<BeatEnvelope>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
        channel.Writer.TryWrite(Beat(0));
        return (channel, new ChannelRoom(channel.Writer, TimeProvider.System));
    }

    [Fact]
    public void ChannelRoom_HasRoom_WhileTheChannelIsNotFull()
    {
        var (channel, room) = OneBeatIn(capacity: 2);

        Assert.True(room.WaitForRoom(NoWait));
        Assert.Equal(TimeSpan.Zero, room.FullFor);
    }

    [Fact]
    public void ChannelRoom_HasNoRoom_AndCountsHowLongItIsFull_UntilABeatIsRead()
    {
        var (channel, room) = OneBeatIn(capacity: 1);

        Assert.False(room.WaitForRoom(NoWait));
        Thread.Sleep(20);
        Assert.False(room.WaitForRoom(NoWait));
        Assert.True(room.FullFor >= TimeSpan.FromMilliseconds(20), $"full for {room.FullFor}");

        channel.Reader.TryRead(out _);
        Assert.True(room.WaitForRoom(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.Zero, room.FullFor);
        Assert.True(channel.Writer.TryWrite(Beat(1)));
    }

    [Fact]
    public void ChannelRoom_LooksAgain_WhenTheChannelFilledUpAfterAnEarlierWaitEnded()
    {
        var (channel, room) = OneBeatIn(capacity: 1);
        Assert.False(room.WaitForRoom(NoWait));

        // Room appears and is taken again (as held beats are written after a pause) before the loop asks.
        channel.Reader.TryRead(out _);
        Assert.True(channel.Writer.TryWrite(Beat(1)));

        Assert.False(room.WaitForRoom(NoWait));
    }

    [Fact]
    public void ChannelRoom_StopsWaiting_WhenTheChannelFailsWhileFull()
    {
        var (channel, room) = OneBeatIn(capacity: 1);
        Assert.False(room.WaitForRoom(NoWait));

        channel.Writer.TryComplete(new InvalidOperationException("pipeline failed"));

        // No exception here: the write that follows fails, and the consume loop handles that as a full channel.
        Assert.True(room.WaitForRoom(TimeSpan.FromSeconds(30)));
        Assert.False(channel.Writer.TryWrite(Beat(1)));
    }
}
