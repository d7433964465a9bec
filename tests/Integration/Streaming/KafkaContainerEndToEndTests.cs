namespace EcgStream.Integration.Streaming;

/// <summary>
/// The end-to-end scenario on a real Kafka broker in a Docker container (Testcontainers). Skips, saying so, where no
/// Docker engine answers (see <see cref="KafkaContainerFactAttribute"/>).
/// </summary>
public sealed class KafkaContainerEndToEndTests : DetectorEndToEndSuite
{
    [KafkaContainerFact]
    public async Task Detector_DecidesEveryBeatOnce_AndDeadLettersBadMessages_OnKafkaContainer()
    {
        await using var kafka = await KafkaContainerBroker.StartAsync();

        await RunScenarioAsync(kafka.Cluster);
    }
}
