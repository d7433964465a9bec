using Confluent.Kafka;
using EcgStream.Detector.Consuming;
using EcgStream.Detector.Hosting;
using EcgStream.Ingest.Replay;
using EcgStream.Kafka;
using EcgStream.Kafka.Embedded;
using Microsoft.AspNetCore.Builder;

namespace EcgStream.Tools.Stack;

/// <summary>
/// The streaming stack on this machine, for the tools: the embedded broker with the detector's topics, and the clients
/// around it on request: the ingest's replayer, a reader of the detector's decisions and the detector itself in this
/// process. Disposing stops the detector, closes the clients, then stops the broker.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "a stack of local services, not a collection")]
public sealed class LocalStack : IAsyncDisposable
{
    private readonly EmbeddedBroker _broker;

    // Producers and readers made here, closed in reverse order before the broker stops.
    private readonly List<IDisposable> _clients = [];

    // The producer every replayer sends with, made by the first one.
    private IProducer<string, byte[]>? _producer;

    // The detector started in this process, if any; stopped before its broker.
    private WebApplication? _detector;

    private LocalStack(EmbeddedBroker broker)
    {
        _broker = broker;
        Kafka = new KafkaOptions { BootstrapServers = broker.BootstrapServers };
    }

    /// <summary>The detector's topics on this broker: beats, anomalies, dead letters and the scores topic (every decision).</summary>
    public TopicsOptions Topics { get; } = new() { Scores = "ecg.scores" };

    /// <summary>Client settings that reach this broker.</summary>
    public KafkaOptions Kafka { get; }

    /// <summary>Starts <paramref name="brokers"/> embedded brokers and creates each of <see cref="Topics"/> with <paramref name="partitions"/> partitions.</summary>
    public static LocalStack Start(int partitions, int brokers = 1)
    {
        var stack = new LocalStack(EmbeddedBroker.Start(brokers));
        foreach (string topic in new[] { stack.Topics.Beats, stack.Topics.Anomalies, stack.Topics.Scores!, stack.Topics.DeadLetters })
            stack._broker.CreateTopic(topic, partitions);
        return stack;
    }

    /// <summary>
    /// A replayer that sends beats to the beats topic as the ingest does, each stamped when sent; <paramref name="runId"/>
    /// keeps its beat ids unique. Its counters (and so a run's limit) start at zero; every replayer shares one producer.
    /// </summary>
    public BeatReplayer CreateReplayer(string runId) => new(_producer ??= Own(CreateProducer()), Topics.Beats, runId, TimeProvider.System);

    /// <summary>A reader of the detector's decisions on the scores topic, from the start of each partition.</summary>
    public ScoresReader ReadScores() => Own(new ScoresReader(Kafka, Topics.Scores!, AutoOffsetReset.Earliest));

    /// <summary>
    /// Builds and starts the detector in this process on this broker, writing every decision to the scores topic, its
    /// live page on a free local port, logging warnings and errors only; <paramref name="settings"/> (Engine:*) go on top.
    /// </summary>
    public async Task<WebApplication> StartDetectorAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = Kafka.BootstrapServers, ["Topics:Scores"] = Topics.Scores,
            ["Urls"] = "http://127.0.0.1:0", ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (key, value) in settings) configuration[key] = value;
        var detector = DetectorHost.Create([], configuration);
        await detector.StartAsync(CancellationToken.None);
        _detector = detector;
        return detector;
    }

    /// <summary>Stops the detector (it drains what it holds), closes the clients, then stops the broker.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_detector is { } detector)
        {
            await detector.StopAsync(CancellationToken.None);
            await detector.DisposeAsync();
        }
        for (int i = _clients.Count - 1; i >= 0; i--) _clients[i].Dispose();
        _broker.Dispose();
    }

    private IProducer<string, byte[]> CreateProducer()
    {
        var config = Kafka.CreateProducerConfig();
        // As in the ingest: idempotence keeps each patient's beats in order through the producer's own retries.
        config.EnableIdempotence = true;
        // End-to-end latency starts when a beat is sent: it should not wait long for others to share its request.
        config.LingerMs = 1;
        return new ProducerBuilder<string, byte[]>(config).Build();
    }

    private T Own<T>(T client) where T : IDisposable
    {
        _clients.Add(client);
        return client;
    }
}
