namespace EcgStream.TestSupport;

/// <summary>
/// One test's detector topics and consumer group on a cluster, named with a unique suffix so tests never see each
/// other's messages on a shared broker, and the detector settings that point at them.
/// </summary>
public sealed class TestTopics
{
    /// <summary>Creates the beats, scores, anomalies and dead-letter topics on <paramref name="cluster"/>, <paramref name="partitions"/> partitions each.</summary>
    public TestTopics(TestCluster cluster, int partitions)
    {
        Cluster = cluster;
        string suffix = Guid.NewGuid().ToString("N")[..8];
        Beats = $"beats-{suffix}";
        Scores = $"scores-{suffix}";
        Anomalies = $"anomalies-{suffix}";
        DeadLetters = $"dlq-{suffix}";
        ConsumerGroup = $"detector-{suffix}";
        cluster.CreateTopics(partitions, Beats, Scores, Anomalies, DeadLetters);
    }

    /// <summary>The cluster the topics are on.</summary>
    public TestCluster Cluster { get; }

    /// <summary>Input topic.</summary>
    public string Beats { get; }

    /// <summary>Decisions topic: one scored beat per decision.</summary>
    public string Scores { get; }

    /// <summary>Anomaly events topic.</summary>
    public string Anomalies { get; }

    /// <summary>Dead-letter topic.</summary>
    public string DeadLetters { get; }

    /// <summary>The detectors' consumer group.</summary>
    public string ConsumerGroup { get; }

    /// <summary>Settings for a detector on these topics: the CPU engine on one thread with <paramref name="modelPath"/> and
    /// <paramref name="classifierPath"/> (empty: none), HTTP on a free loopback port, warnings and errors logged only.</summary>
    public Dictionary<string, string?> DetectorSettings(string modelPath, string classifierPath) => new()
    {
        ["Kafka:BootstrapServers"] = Cluster.BootstrapServers,
        ["Topics:Beats"] = Beats, ["Topics:Scores"] = Scores, ["Topics:Anomalies"] = Anomalies,
        ["Topics:DeadLetters"] = DeadLetters, ["Topics:ConsumerGroup"] = ConsumerGroup,
        ["Engine:ModelPath"] = modelPath, ["Engine:ClassifierPath"] = classifierPath, ["Engine:Device"] = "cpu", ["Engine:Threads"] = "1",
        ["Urls"] = "http://127.0.0.1:0",
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
