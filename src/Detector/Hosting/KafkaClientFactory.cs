using Confluent.Kafka;
using EcgStream.Kafka;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Hosting;

/// <summary>
/// Creates the detector's Kafka clients from <see cref="KafkaOptions"/>, adding the settings the pipeline relies on.
/// Settings given in configuration win over the latency defaults here, but not over the offset-handling ones.
/// </summary>
public sealed class KafkaClientFactory(IOptions<KafkaOptions> options, ILogger<KafkaClientFactory> logger, IHostApplicationLifetime lifetime)
{
    /// <summary>
    /// A consumer in <paramref name="groupId"/> that commits in the background only the offsets the detector stores
    /// (EnableAutoCommit on, EnableAutoOffsetStore off: at-least-once), with the given rebalance handlers.
    /// </summary>
    public IConsumer<byte[]?, byte[]?> CreateConsumer(
        string groupId,
        Action<IConsumer<byte[]?, byte[]?>, List<TopicPartition>> assigned,
        Action<IConsumer<byte[]?, byte[]?>, List<TopicPartitionOffset>> revoked,
        Action<IConsumer<byte[]?, byte[]?>, List<TopicPartitionOffset>> lost)
    {
        var config = options.Value.CreateConsumerConfig(groupId);
        // A new group reads the topic from the start, so beats produced before the first detector started are scored too.
        config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        // The broker answers a fetch at once when data is there; this only bounds the wait when there is none, which
        // on the embedded broker would otherwise add up to 500 ms to the first beat after a quiet spell.
        config.FetchWaitMaxMs ??= 10;
        config.EnableAutoCommit = true;
        config.EnableAutoOffsetStore = false;
        config.EnablePartitionEof = false;
        return new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetPartitionsAssignedHandler(assigned)
            .SetPartitionsRevokedHandler(revoked)
            .SetPartitionsLostHandler(lost)
            .SetErrorHandler((_, error) => OnError("consumer", error))
            .SetLogHandler((_, message) => Log.KafkaLog(logger, message.Name, message.Facility, message.Message))
            .Build();
    }

    /// <summary>
    /// The producer for every result: idempotent (no duplicates or reordering from its own retries, so each patient's
    /// events keep their order) and lingering at most 1 ms by default, because a decision should leave at once.
    /// </summary>
    public IProducer<byte[]?, byte[]> CreateProducer()
    {
        var config = options.Value.CreateProducerConfig();
        config.EnableIdempotence ??= true;
        config.LingerMs ??= 1;
        return new ProducerBuilder<byte[]?, byte[]>(config)
            .SetErrorHandler((_, error) => OnError("producer", error))
            .SetLogHandler((_, message) => Log.KafkaLog(logger, message.Name, message.Facility, message.Message))
            .Build();
    }

    private void OnError(string client, Error error)
    {
        if (error.IsFatal)
        {
            Log.KafkaFatal(logger, client, error.Code, error.Reason);
            lifetime.StopApplication();
            return;
        }
        // Transient errors (broker down, connection refused) are retried by librdkafka; they are worth a warning only.
        Log.KafkaError(logger, client, error.Code, error.Reason);
    }
}
