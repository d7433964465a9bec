using System.Text.Json;
using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace EcgStream.Integration.Observability;

/// <summary>The real detector (<see cref="DetectorHost"/>) on the embedded broker with a small real model and classifier, its HTTP endpoints on a
/// free loopback port, and a producer that sends beats at a fixed rate, stamping each with its send time.</summary>
internal sealed class RunningDetector : IAsyncDisposable
{
    /// <summary>Partitions of the beats topic.</summary>
    private const int Partitions = 4;

    private readonly TestCluster _cluster;
    private readonly TestModelFile _model;
    private readonly TestClassifierFile _classifier;
    private readonly InProcessDetector _detector;
    private readonly IProducer<string, byte[]> _producer;
    private readonly string _beatsTopic;

    private RunningDetector(TestCluster cluster, TestModelFile model, TestClassifierFile classifier, InProcessDetector detector, string beatsTopic, string scoresTopic)
    {
        _cluster = cluster;
        _model = model;
        _classifier = classifier;
        _detector = detector;
        _beatsTopic = beatsTopic;
        ScoresTopic = scoresTopic;
        BaseAddress = detector.Address;
        _producer = new ProducerBuilder<string, byte[]>(cluster.Options.CreateProducerConfig()).Build();
    }

    /// <summary>Root of the detector's HTTP endpoints.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Topic the detector writes every decision to.</summary>
    public string ScoresTopic { get; }

    /// <summary>The detector's metrics.</summary>
    public DetectorMetrics Metrics => _detector.App.Services.GetRequiredService<DetectorMetrics>();

    /// <summary>The detector's readiness.</summary>
    public DetectorReadiness Readiness => _detector.App.Services.GetRequiredService<DetectorReadiness>();

    /// <summary>Starts a broker, writes a model whose threshold is the median score of <paramref name="beats"/> (so about half are
    /// anomalies), starts the detector, and waits until it is ready.</summary>
    public static async Task<RunningDetector> StartAsync(IReadOnlyList<BeatWindow> beats)
    {
        var cluster = TestCluster.Embedded();
        var topics = new TestTopics(cluster, Partitions);
        var model = TestModelFile.Create(beats.Select(b => b.Samples).ToList());
        var classifier = TestClassifierFile.Create();
        var host = await InProcessDetector.StartAsync(topics.DetectorSettings(model.Path, classifier.Path));
        var detector = new RunningDetector(cluster, model, classifier, host, topics.Beats, topics.Scores);
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !detector.Readiness.IsReady; await Task.Delay(50))
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the detector did not become ready within 20 s");
        return detector;
    }

    /// <summary>Sends <paramref name="beats"/> at <paramref name="beatsPerSecond"/>, each stamped with the time it is sent; returns the
    /// send time of every beat id.</summary>
    public async Task<Dictionary<string, DateTimeOffset>> SendAsync(IReadOnlyList<BeatWindow> beats, double beatsPerSecond)
    {
        var sent = new Dictionary<string, DateTimeOffset>(beats.Count);
        var interval = TimeSpan.FromSeconds(1 / beatsPerSecond);
        var started = DateTime.UtcNow;
        for (int i = 0; i < beats.Count; i++)
        {
            // Paced against the start, not the previous beat, so timer slack does not lower the rate.
            // Read the clock once: a second reading can pass `due` and make the wait negative, which Task.Delay rejects.
            var wait = started + interval * i - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var beat = beats[i] with { Timestamp = DateTimeOffset.UtcNow };
            sent[beat.BeatId] = beat.Timestamp;
            _producer.Produce(_beatsTopic, new Message<string, byte[]> { Key = beat.PatientId, Value = BeatWindowCodec.Serialize(beat) });
        }
        _producer.Flush(TimeSpan.FromSeconds(10));
        return sent;
    }

    /// <summary>Reads decisions from the scores topic until <paramref name="expected"/> arrived or <paramref name="timeout"/> passed;
    /// returns when each beat id's decision was received.</summary>
    public Dictionary<string, DateTimeOffset> ReceiveDecisions(int expected, TimeSpan timeout)
    {
        var received = new Dictionary<string, DateTimeOffset>();
        // Each decision is stamped as it is read, so the times are when the reader saw it, not when reading ended.
        TopicReader.ReadUntil(_cluster.Options, ScoresTopic, _ => received.Count >= expected, timeout,
            message => received.TryAdd(JsonSerializer.Deserialize(message.Value, WireJsonContext.Default.ScoredBeat)!.BeatId, DateTimeOffset.UtcNow));
        return received;
    }

    public async ValueTask DisposeAsync()
    {
        _producer.Dispose();
        await _detector.DisposeAsync();
        _model.Dispose();
        _classifier.Dispose();
        _cluster.Dispose();
    }
}
