using Testcontainers.Kafka;

namespace EcgStream.Integration.Streaming;

/// <summary>A single-broker Kafka in a Docker container (Testcontainers), removed when disposed. The module sets the
/// single-broker replication factors (offsets and transaction state topics) that consumer groups and transactions need.</summary>
internal sealed class KafkaContainerBroker : IAsyncDisposable
{
    /// <summary>Confluent's Kafka image; transactions and consumer groups as in production.</summary>
    public const string Image = "confluentinc/cp-kafka:7.6.1";

    /// <summary>The running container.</summary>
    private readonly KafkaContainer _container;

    private KafkaContainerBroker(KafkaContainer container)
    {
        _container = container;
        Cluster = TestCluster.At(container.GetBootstrapAddress());
    }

    /// <summary>The broker as a test cluster (topics are created through the admin API).</summary>
    public TestCluster Cluster { get; }

    /// <summary>Pulls the image if needed, starts the container and waits until Kafka is ready.</summary>
    public static async Task<KafkaContainerBroker> StartAsync()
    {
        var container = new KafkaBuilder(Image).Build();
        await container.StartAsync();
        return new KafkaContainerBroker(container);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Cluster.Dispose();
        await _container.DisposeAsync();
    }
}
