using Confluent.Kafka;

namespace EcgStream.Detector.Producing;

/// <summary>The writes one beat's result is waiting for; when the broker has acknowledged all of them, the beat is done.</summary>
public sealed class PendingResult(TopicPartitionOffset position, int writes)
{
    // Writes not yet acknowledged; decremented from librdkafka's delivery thread.
    private int _remaining = writes;

    /// <summary>Where the beat was consumed.</summary>
    public TopicPartitionOffset Position { get; } = position;

    /// <summary>Counts one acknowledged write; true when it was the last one.</summary>
    public bool Acknowledge() => Interlocked.Decrement(ref _remaining) == 0;
}
