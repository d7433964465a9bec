namespace EcgStream.Integration.Streaming;

/// <summary>A fact that runs only when KAFKA_BOOTSTRAP_SERVERS names a broker, and says so when it skips.</summary>
public sealed class ExternalKafkaFactAttribute : FactAttribute
{
    public ExternalKafkaFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestCluster.ExternalVariable)))
            Skip = $"{TestCluster.ExternalVariable} is not set: no external Kafka broker to run against";
    }
}
