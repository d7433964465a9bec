#if TESTCONTAINERS
using Testcontainers.Kafka;
#endif

namespace EcgStream.Integration.Streaming;

/// <summary>
/// The end-to-end scenario on a real Kafka broker in a Docker container (Testcontainers). Not exercised on this project's
/// machine: no Docker engine, and Testcontainers.Kafka is not in its registry (see <see cref="KafkaContainerFactAttribute"/>).
/// </summary>
public sealed class KafkaContainerEndToEndTests : DetectorEndToEndSuite
{
    /// <summary>Confluent's Kafka image; transactions and consumer groups as in production.</summary>
    public const string KafkaImage = "confluentinc/cp-kafka:7.6.1";

    [KafkaContainerFact]
    public async Task Detector_DecidesEveryBeatOnce_AndDeadLettersBadMessages_OnKafkaContainer()
    {
#if TESTCONTAINERS
        await using var kafka = new KafkaBuilder().WithImage(KafkaImage).Build();
        await kafka.StartAsync();
        using var cluster = TestCluster.At(kafka.GetBootstrapAddress());
        await RunScenarioAsync(cluster);
#else
        // Unreachable: the attribute skips this test when Testcontainers is not compiled in.
        await Task.FromException(new InvalidOperationException("built without Testcontainers"));
#endif
    }
}
