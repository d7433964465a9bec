namespace EcgStream.Integration.Streaming;

/// <summary>
/// A fact that starts a Kafka container with Testcontainers. It runs when a Docker engine answers at DOCKER_HOST (or, when
/// that is not set, at /var/run/docker.sock), and otherwise skips with one line saying so.
/// </summary>
public sealed class KafkaContainerFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless a Docker engine is reachable.</summary>
    public KafkaContainerFactAttribute()
    {
        if (!DockerEngine.IsReachable(out string endpoint))
            Skip = $"no Docker engine reachable at {endpoint}: the Kafka container tests need one (docs/kafka-container-tests.md)";
    }
}
