using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Detector.Pipeline;

namespace EcgStream.Detector.Producing;

/// <summary>
/// How results leave the detector and when their beats count as done (their offsets storable): at-least-once
/// (<see cref="AtLeastOnceDelivery"/>: once the broker acknowledged every write) or exactly-once
/// (<see cref="TransactionalDelivery"/>: once the Kafka transaction holding the writes and the offsets commits, with
/// rewinds when one is given up). Chosen once at startup from Detector:DeliveryGuarantee; the result writer and the
/// consume loop call it the same way in both modes. Writer members run on the result writer's thread, consume
/// members on the consume thread.
/// </summary>
public interface IResultDelivery
{
    /// <summary>Writer: before a batch; false when it cannot be written now (no transaction could be opened while stopping).</summary>
    ValueTask<bool> BeginBatchAsync();

    /// <summary>Writer: true when the results of <paramref name="beat"/> are to be written (not when its epoch was rewound); the beat is then in flight here.</summary>
    bool Admit(BeatEnvelope beat);

    /// <summary>Writer: writes an admitted beat's <paramref name="records"/>; its position reaches <paramref name="done"/> once they are delivered as this guarantee requires.</summary>
    ValueTask WriteAsync(TopicPartitionOffset position, IReadOnlyList<OutputRecord> records, ChannelWriter<TopicPartitionOffset> done);

    /// <summary>Writer: how long what was written may wait before <see cref="SettleAsync"/> (zero: due now); null when nothing waits.</summary>
    TimeSpan? SettleWithin { get; }

    /// <summary>Writer: settles what was written (commits the open transaction), handing its beats to <paramref name="done"/>.</summary>
    ValueTask SettleAsync(ChannelWriter<TopicPartitionOffset> done);

    /// <summary>Writer, after the last batch: settles unless the drain ran out, flushes until the drain deadline at most, completes <paramref name="done"/>, disposes the producer.</summary>
    ValueTask CloseAsync(ChannelWriter<TopicPartitionOffset> done);

    /// <summary>Consume: a beat was read at <paramref name="position"/>.</summary>
    void Read(TopicPartitionOffset position);

    /// <summary>Consume, in the assigned handler: <paramref name="partitions"/> join the assignment of <paramref name="client"/>.</summary>
    void Assigned(IConsumer<byte[]?, byte[]?> client, IReadOnlyCollection<TopicPartition> partitions);

    /// <summary>Consume, about once a second: the group generation of <paramref name="client"/> may have moved on.</summary>
    void GroupMayHaveChanged(IConsumer<byte[]?, byte[]?> client);

    /// <summary>Consume, every turn of the loop: the rewind of the assignment of <paramref name="client"/> the writer asked for; null when none is due.</summary>
    RewindPlan? RequestedRewind(IConsumer<byte[]?, byte[]?> client);

    /// <summary>Consume, when <paramref name="leaving"/> are revoked or lost, before any commit: the rewind of the partitions that stay; null when nothing rewinds.</summary>
    RewindPlan? RewindOnLeave(IConsumer<byte[]?, byte[]?> client, IReadOnlyCollection<TopicPartition> leaving);
}
