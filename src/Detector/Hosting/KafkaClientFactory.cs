using Confluent.Kafka;
using EcgStream.Detector.Consuming;
using EcgStream.Detector.Producing;
using EcgStream.Kafka;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Hosting;

/// <summary>
/// Creates the detector's Kafka clients from <see cref="KafkaOptions"/>, adding the settings the pipeline relies on.
/// Settings given in configuration win over the latency defaults here, but not over the offset-handling ones.
/// </summary>
public sealed class KafkaClientFactory(
    IOptions<KafkaOptions> options, IOptions<DeliveryOptions> delivery, IOptions<TopicsOptions> topics, ILogger<KafkaClientFactory> logger,
    IHostApplicationLifetime lifetime)
{
    // Exactly-once: how long InitTransactions may take (it also waits for a predecessor's open transaction to end).
    private static readonly TimeSpan InitTransactionsTimeout = TimeSpan.FromSeconds(60);

    /// <summary>1 once the native library in use has been logged: the first client this factory creates logs it.</summary>
    private int _libraryLogged;

    /// <summary>
    /// A consumer in <paramref name="groupId"/> that commits in the background only the offsets the detector stores
    /// (EnableAutoCommit on, EnableAutoOffsetStore off: at-least-once), with the given rebalance handlers. Partitions move
    /// with the cooperative-sticky assignor by default, so a member joining or leaving stops only the partitions that move.
    /// With exactly-once delivery it reads committed input only (read_committed, also librdkafka's default).
    /// </summary>
    public IConsumer<byte[]?, byte[]?> CreateConsumer(
        string groupId,
        Action<IConsumer<byte[]?, byte[]?>, List<TopicPartition>> assigned,
        Action<IConsumer<byte[]?, byte[]?>, List<TopicPartitionOffset>> revoked,
        Action<IConsumer<byte[]?, byte[]?>, List<TopicPartitionOffset>> lost)
    {
        LogLibraryOnce();
        var config = options.Value.CreateConsumerConfig(groupId);
        // A new group reads the topic from the start, so beats produced before the first detector started are scored too.
        config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        // The broker answers a fetch at once when data is there; this only bounds the wait when there is none, which
        // on the embedded broker would otherwise add up to 500 ms to the first beat after a quiet spell.
        config.FetchWaitMaxMs ??= 10;
        // While the beats channel is full the backlog waits in librdkafka's prefetch queue (see ChannelRoom): bound it
        // (librdkafka: 64 MB) and fetch again soon once it has room (librdkafka: after 1 s, which would idle the engine).
        config.QueuedMaxMessagesKbytes ??= 16 * 1024;
        config.FetchQueueBackoffMs ??= 20;
        config.PartitionAssignmentStrategy ??= PartitionAssignmentStrategy.CooperativeSticky;
        // Stored offsets are committed every second (librdkafka: 5 s), so a crash re-delivers at most about a second of beats.
        config.AutoCommitIntervalMs ??= 1000;
        if (delivery.Value.IsExactlyOnce) config.IsolationLevel = IsolationLevel.ReadCommitted;
        config.EnableAutoCommit = true;
        config.EnableAutoOffsetStore = false;
        config.EnablePartitionEof = false;
        return new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetPartitionsAssignedHandler(assigned)
            .SetPartitionsRevokedHandler(revoked)
            .SetPartitionsLostHandler(lost)
            .SetErrorHandler((_, error) => OnError("consumer", error, stopOnFatal: true))
            .SetLogHandler((_, message) => Log.KafkaLog(logger, message.Name, message.Facility, message.Message))
            .Build();
    }

    /// <summary>
    /// The at-least-once producer for every result: idempotent (no duplicates or reordering from its own retries, so each
    /// patient's events keep their order) and lingering at most 1 ms by default, because a decision should leave at once.
    /// </summary>
    public IProducer<byte[]?, byte[]> CreateProducer() => Build(options.Value.CreateProducerConfig(), stopOnFatal: true);

    /// <summary>
    /// The exactly-once producer: as <see cref="CreateProducer"/>, and transactional, with its transactions initialised.
    /// Its transactional.id is Detector:TransactionalId, else the consumer group, host name and process id.
    /// </summary>
    public IProducer<byte[]?, byte[]> CreateTransactionalProducer()
    {
        var config = options.Value.CreateProducerConfig();
        config.TransactionalId ??= delivery.Value.TransactionalId
            ?? $"{topics.Value.ConsumerGroup}-{Environment.MachineName}-{Environment.ProcessId}";
        // A crashed process's open transaction holds read_committed readers back until it times out: keep that short.
        config.TransactionTimeoutMs ??= 10_000;
        // A fatal error also fails the producer's next transactional call, and the result writer stops the detector
        // then. Stopping here would let a producer already replaced (RenewableProducer), and fenced by its successor,
        // stop the detector when its given-up call finally ends.
        var producer = Build(config, stopOnFatal: false);
        try
        {
            producer.InitTransactions(InitTransactionsTimeout);
        }
        catch (KafkaException)
        {
            // The caller may try again (e.g. renewing a stuck producer while the broker is away): don't leak this one.
            producer.Dispose();
            throw;
        }
        return producer;
    }

    private IProducer<byte[]?, byte[]> Build(ProducerConfig config, bool stopOnFatal)
    {
        LogLibraryOnce();
        config.EnableIdempotence ??= true;
        config.LingerMs ??= 1;
        return new ProducerBuilder<byte[]?, byte[]>(config)
            .SetErrorHandler((_, error) => OnError("producer", error, stopOnFatal))
            .SetLogHandler((_, message) => Log.KafkaLog(logger, message.Name, message.Facility, message.Message))
            .Build();
    }

    private void OnError(string client, Error error, bool stopOnFatal)
    {
        if (!error.IsFatal)
        {
            // Transient errors (broker down, connection refused) are retried by librdkafka; they are worth a warning only.
            Log.KafkaError(logger, client, error.Code, error.Reason);
            return;
        }
        if (!stopOnFatal)
        {
            Log.KafkaFatalLeftToCaller(logger, client, error.Code, error.Reason);
            return;
        }
        Log.KafkaFatal(logger, client, error.Code, error.Reason);
        lifetime.StopApplication();
    }

    /// <summary>Logs which librdkafka build the resolver loaded (the redist's default or its self-contained one), once.</summary>
    private void LogLibraryOnce()
    {
        if (Interlocked.Exchange(ref _libraryLogged, 1) != 0) return;
        string version = KafkaNativeLibrary.EnsureLoaded();
        Log.KafkaLibraryLoaded(logger, version, KafkaNativeLibrary.LoadedBuild ?? "loaded by the platform's default probing");
    }
}
