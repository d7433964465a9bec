using Confluent.Kafka;
using EcgStream.Beats.Wire;

namespace EcgStream.Detector.Pipeline;

/// <summary>
/// One consumed message on its way through the pipeline: the parsed beat, or why it cannot be scored (then it goes to
/// the dead-letter topic with its original bytes). Exactly one of <see cref="Beat"/> and <see cref="Error"/> is set.
/// </summary>
public sealed class BeatEnvelope
{
    /// <summary>Where the message was read; its offset is stored once the beat's result is done.</summary>
    public required TopicPartitionOffset Position { get; init; }

    /// <summary>The beat, when the message is valid.</summary>
    public BeatWindow? Beat { get; init; }

    /// <summary>Why the message is not a valid beat, when it is not.</summary>
    public BeatWindowError? Error { get; init; }

    /// <summary>The original key, cut to a dead letter's size; set only when <see cref="Error"/> is.</summary>
    public KeptBytes Key { get; init; }

    /// <summary>The original value, cut to a dead letter's size; set only when <see cref="Error"/> is.</summary>
    public KeptBytes Value { get; init; }

    /// <summary>The stretch between rewinds it was read in (<see cref="RewindPlan.Epoch"/>); results of an older one are not written.</summary>
    public int Epoch { get; init; }

    /// <summary>When the consumer read the message (<see cref="TimeProvider.GetTimestamp"/> of the system clock), for queue-wait times.</summary>
    public required long ConsumedTimestamp { get; init; }
}
