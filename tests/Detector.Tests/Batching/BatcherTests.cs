using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Detector.Batching;
using EcgStream.Detector.Pipeline;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Tests.Batching;

public sealed class BatcherTests
{
    // Generous bound for "eventually": a test that waits this long has failed, it is not a timing threshold.
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    private static Batcher CreateBatcher(EngineActivity engine, int maxBatchSize, TimeSpan maxDelay) =>
        new(Options.Create(new BatchingOptions { MaxBatchSize = maxBatchSize, MaxDelay = maxDelay }), engine, TimeProvider.System);

    private static BeatEnvelope Beat(long offset) =>
        new() { Position = new TopicPartitionOffset("ecg.beats", 0, offset), ConsumedTimestamp = 0 };

    [Fact]
    public async Task Batcher_DoesNotWait_WhenEngineIsIdle()
    {
        var engine = new EngineActivity();
        // A delay no test could sit out: the batch must come because the engine is idle, not because the delay passed.
        var batcher = CreateBatcher(engine, maxBatchSize: 64, maxDelay: TimeSpan.FromHours(1));
        var beats = Channel.CreateUnbounded<BeatEnvelope>();
        beats.Writer.TryWrite(Beat(0));

        var batch = await batcher.ReadBatchAsync(beats.Reader).WaitAsync(Eventually);

        Assert.Single(batch!.Items);
    }

    [Fact]
    public async Task Batcher_EmitsPartialBatch_WhenMaxDelayPasses()
    {
        var engine = new EngineActivity();
        engine.MarkBusy();
        var batcher = CreateBatcher(engine, maxBatchSize: 64, maxDelay: TimeSpan.FromMilliseconds(1));
        var beats = Channel.CreateUnbounded<BeatEnvelope>();
        for (int i = 0; i < 3; i++) beats.Writer.TryWrite(Beat(i));

        var batch = await batcher.ReadBatchAsync(beats.Reader).WaitAsync(Eventually);

        Assert.Equal([0L, 1L, 2L], batch!.Items.Select(b => b.Position.Offset.Value));
    }

    [Fact]
    public async Task Batcher_HandsOverPartialBatch_WhenBusyEngineBecomesIdle()
    {
        var engine = new EngineActivity();
        engine.MarkBusy();
        var batcher = CreateBatcher(engine, maxBatchSize: 64, maxDelay: TimeSpan.FromHours(1));
        var beats = Channel.CreateUnbounded<BeatEnvelope>();
        beats.Writer.TryWrite(Beat(0));

        var pending = batcher.ReadBatchAsync(beats.Reader);
        engine.MarkIdle();
        var batch = await pending.WaitAsync(Eventually);

        Assert.Single(batch!.Items);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(64)]
    public async Task Batcher_NeverExceedsMaxBatchSize(int maxBatchSize)
    {
        var engine = new EngineActivity();
        engine.MarkBusy();
        var batcher = CreateBatcher(engine, maxBatchSize, TimeSpan.FromHours(1));
        var beats = Channel.CreateUnbounded<BeatEnvelope>();
        for (int i = 0; i < maxBatchSize * 2 + 1; i++) beats.Writer.TryWrite(Beat(i));

        var batch = await batcher.ReadBatchAsync(beats.Reader).WaitAsync(Eventually);

        Assert.Equal(maxBatchSize, batch!.Items.Count);
    }

    [Fact]
    public async Task Batcher_ReturnsNull_WhenChannelCompletesEmpty()
    {
        var batcher = CreateBatcher(new EngineActivity(), 64, TimeSpan.FromMilliseconds(5));
        var beats = Channel.CreateUnbounded<BeatEnvelope>();
        beats.Writer.Complete();

        var batch = await batcher.ReadBatchAsync(beats.Reader).WaitAsync(Eventually);

        Assert.Null(batch);
    }
}
