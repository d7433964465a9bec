namespace EcgStream.Integration.Streaming;

/// <summary>The end-to-end scenario on the broker named by KAFKA_BOOTSTRAP_SERVERS (for example deploy/docker-compose.yml's Kafka).</summary>
public sealed class ExternalBrokerEndToEndTests : DetectorEndToEndSuite
{
    [ExternalKafkaFact]
    public async Task Detector_DecidesEveryBeatOnce_AndDeadLettersBadMessages_OnExternalBroker()
    {
        using var cluster = TestCluster.External();
        await RunScenarioAsync(cluster);
    }
}
