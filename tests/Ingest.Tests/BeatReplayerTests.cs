using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Ingest.Replay;
using EcgStream.Ingest.Rhythm;
using EcgStream.Ingest.Sources;
using EcgStream.Kafka;
using EcgStream.Kafka.Embedded;

namespace EcgStream.Ingest.Tests;

/// <summary>Replays through the embedded broker (librdkafka's mock cluster on real TCP ports) and reads the topic back.</summary>
public sealed class BeatReplayerTests : IDisposable
{
    private const string Topic = "beats";
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start();
    private readonly KafkaOptions _kafka;
    private readonly List<IProducer<string, byte[]>> _producers = [];

    public BeatReplayerTests()
    {
        _broker.CreateTopic(Topic, partitions: 3);
        _kafka = new KafkaOptions { BootstrapServers = _broker.BootstrapServers };
    }

    [Fact]
    public void Run_DeliversExactlyTheLimit_KeyedByPatient_WithLabelsAndUniqueIds()
    {
        var replayer = Replayer(TimeProvider.System);

        replayer.Run(new BeatSchedule(new SyntheticBeatSource(0.3, seed: 1), patients: 6, seed: 1), ReplayPace.Max, limit: 300, CancellationToken.None);
        var messages = ReadBack(300);

        Assert.Equal((300, 300, 0), (replayer.Counters.Sent, replayer.Counters.Delivered, replayer.Counters.Failed));
        Assert.Equal(300, messages.Count);
        Assert.All(messages, m => Assert.Equal(m.Key, m.Beat.PatientId));
        Assert.Equal(6, messages.Select(m => m.Key).Distinct().Count());
        Assert.Equal(300, messages.Select(m => m.Beat.BeatId).Distinct().Count());
        Assert.All(messages, m => Assert.NotNull(m.Beat.Label));
        Assert.Equal(replayer.Counters.LabelledAnomalies, messages.Count(m => m.Beat.IsLabelledAnomaly));
        Assert.InRange(replayer.Counters.LabelledAnomalies, 60, 120);
        // One key, one partition: each patient's beats arrive in sequence order.
        foreach (var patient in messages.GroupBy(m => m.Key))
            Assert.Equal(Enumerable.Range(0, patient.Count()).Select(i => (long)i), patient.Select(m => m.Beat.Sequence));
    }

    [Fact]
    public void Run_ReplaysEcg5000Rows_WithTheirClassesAsLabels()
    {
        using var data = TemporaryEcg5000.Create(rows: 25);
        var replayer = Replayer(TimeProvider.System);

        replayer.Run(new BeatSchedule(new Ecg5000BeatSource(data.Directory, null, loop: false, seed: 1), patients: 2, seed: 1), ReplayPace.Max, null, CancellationToken.None);
        var messages = ReadBack(25);

        Assert.Equal(25, messages.Count);
        Assert.Equal([5, 5, 5, 5, 5], messages.GroupBy(m => m.Beat.Label).Select(g => g.Count()));
        Assert.All(messages, m => Assert.Equal(140, m.Beat.Samples.Length));
    }

    [Fact]
    public void Run_SpacesBeatsAtTheRate_OnAClockThatOnlyMovesWhenWaitedOn()
    {
        var clock = new SteppingTimeProvider();
        var replayer = Replayer(clock);

        replayer.Run(new BeatSchedule(new SyntheticBeatSource(0, seed: 1), patients: 8, seed: 1), ReplayPace.PerSecond(50), limit: 501, CancellationToken.None);
        var messages = ReadBack(501);

        // 500 intervals at 50 beats/s is 10 s of the clock; the patients' own rhythm varies their rate by a few percent.
        double seconds = (messages.Max(m => m.Beat.Timestamp) - messages.Min(m => m.Beat.Timestamp)).TotalSeconds;
        Assert.InRange(seconds, 9.0, 11.0);
    }

    [Fact]
    public void Run_NeverSendsFasterThanTheRate_OnTheRealClock()
    {
        var replayer = Replayer(TimeProvider.System);
        var clock = Stopwatch.StartNew();

        replayer.Run(new BeatSchedule(new SyntheticBeatSource(0, seed: 1), patients: 4, seed: 1), ReplayPace.PerSecond(200), limit: 101, CancellationToken.None);

        // A lower bound only: a busy machine may be slower, never faster. 100 intervals at 200/s = 0.5 s, less the rhythm's swing.
        Assert.True(clock.Elapsed.TotalSeconds >= 0.4, $"100 intervals at 200 beats/s took only {clock.Elapsed.TotalSeconds:F3} s");
        Assert.Equal(101, replayer.Counters.Delivered);
    }

    [Fact]
    public void Run_StopsAndFlushes_WhenCancelled()
    {
        var replayer = Replayer(TimeProvider.System);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        replayer.Run(new BeatSchedule(new SyntheticBeatSource(0, seed: 1), patients: 4, seed: 1), ReplayPace.PerSecond(100), limit: null, stop.Token);

        Assert.InRange(replayer.Counters.Sent, 1, 1000);
        Assert.Equal(replayer.Counters.Sent, replayer.Counters.Delivered);
    }

    public void Dispose()
    {
        foreach (var producer in _producers) producer.Dispose();
        _broker.Dispose();
    }

    private BeatReplayer Replayer(TimeProvider time)
    {
        var producer = new ProducerBuilder<string, byte[]>(_kafka.CreateProducerConfig()).Build();
        _producers.Add(producer);
        return new BeatReplayer(producer, Topic, "test", time);
    }

    private List<(string Key, BeatWindow Beat)> ReadBack(int count)
    {
        var codec = new BeatWindowCodec();
        // Anything beyond the expected count would be a duplicate: read on briefly for one.
        return TopicReader.ReadUntil(_kafka, Topic, messages => messages.Count >= count, TimeSpan.FromSeconds(30), message =>
        {
            string key = Encoding.UTF8.GetString(message.Key!);
            Assert.True(codec.TryParse(message.Value, key, out var beat, out var error), error.Detail);
            return (key, beat);
        }, settle: TimeSpan.FromMilliseconds(200));
    }
}
