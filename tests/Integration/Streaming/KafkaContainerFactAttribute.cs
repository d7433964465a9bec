namespace EcgStream.Integration.Streaming;

/// <summary>
/// A fact that starts a Kafka container with Testcontainers. It runs only when the tests were built with
/// <c>-p:UseTestcontainers=true</c> (Testcontainers.Kafka is not in this machine's package registry) and a Docker engine
/// answers; otherwise it skips and says which is missing.
/// </summary>
public sealed class KafkaContainerFactAttribute : FactAttribute
{
    /// <summary>The Docker socket Testcontainers uses when DOCKER_HOST is not set.</summary>
    public const string DockerSocket = "/var/run/docker.sock";

    /// <summary>Skips the test unless Testcontainers is compiled in and a Docker engine is reachable.</summary>
    public KafkaContainerFactAttribute()
    {
#if TESTCONTAINERS
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST")) && !File.Exists(DockerSocket))
            Skip = $"no Docker engine: DOCKER_HOST is not set and {DockerSocket} does not exist";
#else
        Skip = "built without Testcontainers (Testcontainers.Kafka is not in this machine's package registry): "
            + "dotnet test tests/Integration -p:UseTestcontainers=true where it and Docker are available";
#endif
    }
}
