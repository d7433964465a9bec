using Confluent.Kafka;

namespace EcgStream.Detector.Pipeline;

/// <summary>
/// What the consume loop does when results in flight are given up (exactly-once: an aborted transaction, or partitions
/// leaving): it stamps later beats with the new epoch, forgets what it holds of <paramref name="Partitions"/>, and seeks
/// each of <paramref name="Targets"/>, so those beats are read, scored and written again.
/// </summary>
/// <param name="Epoch">The epoch beats read from now on carry; results of older ones are not written.</param>
/// <param name="Partitions">The partitions whose beats in flight are dropped.</param>
/// <param name="Targets">Where reading resumes, for those of <paramref name="Partitions"/> read since they were assigned.</param>
public sealed record RewindPlan(int Epoch, IReadOnlyCollection<TopicPartition> Partitions, IReadOnlyList<TopicPartitionOffset> Targets);
