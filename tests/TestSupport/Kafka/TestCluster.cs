using Confluent.Kafka;
using Confluent.Kafka.Admin;
using EcgStream.Kafka;
using EcgStream.Kafka.Embedded;

namespace EcgStream.TestSupport;

/// <summary>
/// The broker a test runs against: the embedded broker, or the external one named by KAFKA_BOOTSTRAP_SERVERS.
/// Topic names carry a unique suffix so tests never see each other's messages on a shared broker.
/// </summary>
public sealed class TestCluster : IDisposable
{
    /// <summary>Environment variable naming an external broker.</summary>
    public const string ExternalVariable = "KAFKA_BOOTSTRAP_SERVERS";

    private readonly EmbeddedBroker? _embedded;

    private TestCluster(EmbeddedBroker? embedded, string bootstrapServers)
    {
        _embedded = embedded;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Where clients connect.</summary>
    public string BootstrapServers { get; }

    /// <summary>Client settings for this cluster.</summary>
    public KafkaOptions Options => new() { BootstrapServers = BootstrapServers };

    /// <summary>The embedded broker, for fault injection; null on an external one.</summary>
    public EmbeddedBroker? Broker => _embedded;

    /// <summary>A fresh embedded broker of <paramref name="brokerCount"/> brokers.</summary>
    public static TestCluster Embedded(int brokerCount = 1) { var broker = EmbeddedBroker.Start(brokerCount); return new TestCluster(broker, broker.BootstrapServers); }

    /// <summary>The broker named by KAFKA_BOOTSTRAP_SERVERS (tests using it skip when the variable is not set).</summary>
    public static TestCluster External() =>
        At(Environment.GetEnvironmentVariable(ExternalVariable) ?? throw new InvalidOperationException($"{ExternalVariable} is not set"));

    /// <summary>A broker this test does not own (external, or a container), at <paramref name="bootstrapServers"/>.</summary>
    public static TestCluster At(string bootstrapServers) => new(null, bootstrapServers);

    /// <summary>Creates topics with <paramref name="partitions"/> partitions each.</summary>
    public void CreateTopics(int partitions, params string[] topics)
    {
        if (_embedded is not null)
        {
            foreach (string topic in topics) _embedded.CreateTopic(topic, partitions);
            return;
        }
        using var admin = new AdminClientBuilder(Options.CreateAdminConfig()).Build();
        admin.CreateTopicsAsync(topics.Select(t => new TopicSpecification { Name = t, NumPartitions = partitions, ReplicationFactor = 1 }))
            .GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public void Dispose() => _embedded?.Dispose();
}
