namespace EcgStream.Detector.Batching;

/// <summary>How the detector groups beats before inference. Configuration section "Batching".</summary>
public sealed class BatchingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Batching";

    /// <summary>Largest batch handed to the engine. Default 64, the size the CPU engine is benchmarked at.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Longest a beat waits for others to join its batch while the engine is busy; not applied when the engine is idle. Default 5 ms.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Capacity of the beats channel. While it is full, the consumer reads no further: the backlog waits in Kafka and librdkafka's bounded prefetch queue. Default 1024.</summary>
    public int ChannelCapacity { get; set; } = 1024;

    /// <summary>How long the beats channel may stay full, taking no beat, before the consumer pauses its partitions. Default 500 ms.</summary>
    public TimeSpan PauseAfter { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest accepted message, in bytes; larger ones are dead-lettered as oversized. Default 64 KiB.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;
}
