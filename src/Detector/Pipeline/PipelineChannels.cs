using System.Threading.Channels;
using Confluent.Kafka;

namespace EcgStream.Detector.Pipeline;

/// <summary>
/// The channels that join the stages, in pipeline order: consume loop → <see cref="Beats"/> → batcher → <see cref="Batches"/>
/// → scorer → <see cref="Scored"/> → result writer → <see cref="Done"/> → the consume loop's offset ledger.
/// </summary>
/// <param name="beatsCapacity">Capacity of <see cref="Beats"/> (Batching:ChannelCapacity).</param>
public sealed class PipelineChannels(int beatsCapacity)
{
    /// <summary>
    /// Consumed messages. Full mode Wait: the consume loop uses TryWrite and, while this is full, waits for room instead
    /// of reading on (backpressure).
    /// </summary>
    public Channel<BeatEnvelope> Beats { get; } = Channel.CreateBounded<BeatEnvelope>(new BoundedChannelOptions(beatsCapacity)
    {
        SingleWriter = true, SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Batches for the engine. One waiting while the engine scores another keeps it fed without queueing more than a batch.</summary>
    public Channel<BeatBatch> Batches { get; } = Channel.CreateBounded<BeatBatch>(new BoundedChannelOptions(1) { SingleWriter = true, SingleReader = true });

    /// <summary>Batches with their decisions, for the result writer.</summary>
    public Channel<ScoredBatch> Scored { get; } = Channel.CreateBounded<ScoredBatch>(new BoundedChannelOptions(4) { SingleWriter = true, SingleReader = true });

    /// <summary>
    /// Positions of beats whose results are done (acknowledged, or committed in a transaction). Unbounded: written from
    /// librdkafka's delivery thread, which must never block; its size is bounded by the beats in flight.
    /// </summary>
    public Channel<TopicPartitionOffset> Done { get; } = Channel.CreateUnbounded<TopicPartitionOffset>(new UnboundedChannelOptions { SingleReader = true });
}
