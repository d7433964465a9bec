using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Producing;
using EcgStream.Integration.Streaming;

namespace EcgStream.Integration.Reliability;

/// <summary>
/// One stream under test on a cluster: its own topics and consumer group, a small real model, a paced sender of synthetic
/// beats, and a <see cref="DecisionCollector"/> that fills <see cref="Ledger"/>. Detectors (in this process or separate
/// ones) are pointed at it with <see cref="Settings"/>.
/// </summary>
public sealed class ReliabilityStream : IDisposable
{
    private readonly TestModelFile _model;
    private readonly DecisionCollector _collector;
    private readonly TestTopics _topics;

    /// <summary>Creates the topics (<paramref name="partitions"/> each) and the model, and starts collecting decisions.</summary>
    public ReliabilityStream(TestCluster cluster, int beatCount, int partitions = 4, int patients = 16)
    {
        Cluster = cluster;
        _topics = new TestTopics(cluster, partitions);
        Beats = SyntheticTestBeats.Create(beatCount, patients);
        _model = TestModelFile.Create(Beats.Take(200).Select(b => b.Samples).ToList());
        _collector = new DecisionCollector(cluster, ScoresTopic, Ledger);
    }

    /// <summary>The cluster the stream runs on.</summary>
    public TestCluster Cluster { get; }

    /// <summary>Input topic.</summary>
    public string BeatsTopic => _topics.Beats;

    /// <summary>Decisions topic: one scored beat per decision.</summary>
    public string ScoresTopic => _topics.Scores;

    /// <summary>Anomaly events topic.</summary>
    public string AnomaliesTopic => _topics.Anomalies;

    /// <summary>Dead-letter topic.</summary>
    public string DeadLettersTopic => _topics.DeadLetters;

    /// <summary>The detectors' consumer group.</summary>
    public string ConsumerGroup => _topics.ConsumerGroup;

    /// <summary>The beats the sender sends, in order.</summary>
    public IReadOnlyList<BeatWindow> Beats { get; }

    /// <summary>Beat ids sent versus decided.</summary>
    public BeatLedger Ledger { get; } = new();

    /// <summary>The decision reader.</summary>
    public DecisionCollector Decisions => _collector;

    /// <summary>Configuration for a detector on this stream with <paramref name="guarantee"/>; <paramref name="extra"/> wins.</summary>
    public Dictionary<string, string?> Settings(DeliveryGuarantee guarantee, IReadOnlyDictionary<string, string?>? extra = null)
    {
        // Without the classifier: these tests are about delivery; the classifier's own tests set Engine:ClassifierPath.
        var settings = _topics.DetectorSettings(_model.Path, classifierPath: "");
        settings["Detector:DeliveryGuarantee"] = guarantee.ToString();
        // A member that died or is slow to rejoin is given up after 6 s, so partitions move on in test time (the
        // embedded broker waits out a joining member's session before it completes some rebalances).
        settings["Kafka:Consumer:session.timeout.ms"] = "6000";
        settings["Kafka:Consumer:heartbeat.interval.ms"] = "1000";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <summary>
    /// Sends beats <paramref name="from"/>..<paramref name="to"/> (exclusive) at <paramref name="beatsPerSecond"/>; a beat counts
    /// as sent once the broker acknowledged it (the sender retries through injected faults).
    /// </summary>
    public async Task SendAsync(int from, int to, double beatsPerSecond)
    {
        var config = Cluster.Options.CreateProducerConfig();
        config.EnableIdempotence = true;
        // One request in flight: a batch that meets an injected produce error is retried before the next one goes out.
        // With several in flight the embedded broker accepts the later batch past the gap and then acknowledges the
        // retried one as a duplicate without writing it (Kafka rejects the later batch as out of order instead), which
        // lost a sent beat on the broker's side in about one run in three of the produce-error scenario.
        config.MaxInFlight = 1;
        config.LingerMs = 2;
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        var interval = TimeSpan.FromSeconds(1 / beatsPerSecond);
        var started = DateTime.UtcNow;
        for (int i = from; i < to; i++)
        {
            // Paced against the start, so timer slack does not lower the rate.
            // Read the clock once: a second reading can pass `due` and make the wait negative, which Task.Delay rejects.
            var wait = started + interval * (i - from) - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var beat = Beats[i];
            producer.Produce(BeatsTopic, new Message<string, byte[]> { Key = beat.PatientId, Value = BeatWindowCodec.Serialize(beat) },
                report => { if (!report.Error.IsError) Ledger.Sent(beat.BeatId); });
        }
        while (producer.Flush(TimeSpan.FromSeconds(1)) > 0) { }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _collector.Dispose();
        _model.Dispose();
    }
}
