namespace EcgStream.Integration.Streaming;

/// <summary>The end-to-end scenario on the embedded broker: always runs.</summary>
public sealed class EmbeddedBrokerEndToEndTests : DetectorEndToEndSuite
{
    [Fact]
    public async Task Detector_DecidesEveryBeatOnce_AndDeadLettersBadMessages_OnEmbeddedBroker()
    {
        using var cluster = TestCluster.Embedded();
        await RunScenarioAsync(cluster);
    }
}
