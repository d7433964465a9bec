using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using EcgStream.Beats.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace EcgStream.Integration.Streaming;

/// <summary>
/// The end-to-end scenario, run against any broker: valid beats and one bad message per dead-letter reason go in; every
/// valid beat must yield exactly one decision on the scores topic (ids checked), exactly the anomalous ones an anomaly
/// event, every bad message a dead letter with its reason; the detector keeps going and, stopped gracefully, commits all.
/// The detector runs with a classifier: every decision and event carries the beat's type and the five probabilities the
/// classifier gives that very beat, and /metrics counts the anomalies by type.
/// </summary>
public abstract class DetectorEndToEndSuite
{
    private const int BeatCount = 400, Patients = 8, Partitions = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Each kind of bad message, its key and value, and the reason it must be dead-lettered with.</summary>
    private static IEnumerable<(string Key, byte[] Value, DeadLetterReason Reason)> BadMessages()
    {
        string valid = Encoding.UTF8.GetString(BeatWindowCodec.Serialize(SyntheticTestBeats.Create(1, 1, seed: 1)[0]));
        yield return ("patient-0", "{\"patientId\": \"patient-0\", "u8.ToArray(), DeadLetterReason.InvalidJson);
        yield return ("patient-0", Encoding.UTF8.GetBytes(valid.Replace("\"samples\"", "\"unused\"")), DeadLetterReason.MissingField);
        yield return ("patient-0", Encoding.UTF8.GetBytes(valid.Replace("\"sequence\":0", "\"sequence\":\"zero\"")), DeadLetterReason.InvalidField);
        yield return ("patient-0", Encoding.UTF8.GetBytes(valid.Replace("\"samples\":[", "\"samples\":[1.5,")), DeadLetterReason.WrongSampleCount);
        // 141 samples, but the non-finite one comes first in document order, so that is the reason.
        yield return ("patient-0", Encoding.UTF8.GetBytes(valid.Replace("\"samples\":[", "\"samples\":[1e999,")), DeadLetterReason.NonFiniteSample);
        yield return ("patient-0", Encoding.UTF8.GetBytes(valid.Replace("\"timestamp\"", $"\"padding\":\"{new string('x', 70_000)}\",\"timestamp\"")), DeadLetterReason.Oversized);
        yield return ("someone-else", Encoding.UTF8.GetBytes(valid), DeadLetterReason.KeyMismatch);
    }

    /// <summary>Runs the scenario on <paramref name="cluster"/>.</summary>
    protected static async Task RunScenarioAsync(TestCluster cluster)
    {
        var topics = new TestTopics(cluster, Partitions);
        string beatsTopic = topics.Beats, anomalies = topics.Anomalies, scores = topics.Scores, dlq = topics.DeadLetters, group = topics.ConsumerGroup;
        var beats = SyntheticTestBeats.Create(BeatCount, Patients);
        using var model = TestModelFile.Create(beats.Select(b => b.Samples).ToList());
        using var classifier = TestClassifierFile.Create();
        var bad = BadMessages().ToList();
        var detector = await InProcessDetector.StartAsync(topics.DetectorSettings(model.Path, classifier.Path));
        var samplesOf = beats.ToDictionary(b => b.BeatId, b => b.Samples);
        try
        {
            using var producer = new ProducerBuilder<string, byte[]>(cluster.Options.CreateProducerConfig()).Build();
            // Bad messages in the middle of the stream: the beats after them must still be scored.
            foreach (var beat in beats.Take(BeatCount / 2)) producer.Produce(beatsTopic, new Message<string, byte[]> { Key = beat.PatientId, Value = BeatWindowCodec.Serialize(beat) });
            foreach (var (key, value, _) in bad) producer.Produce(beatsTopic, new Message<string, byte[]> { Key = key, Value = value });
            foreach (var beat in beats.Skip(BeatCount / 2)) producer.Produce(beatsTopic, new Message<string, byte[]> { Key = beat.PatientId, Value = BeatWindowCodec.Serialize(beat) });
            producer.Flush(TimeSpan.FromSeconds(30));

            var decisions = TopicReader.ReadJson(cluster.Options, scores, WireJsonContext.Default.ScoredBeat, BeatCount, Deadline);
            var letters = TopicReader.ReadJson(cluster.Options, dlq, WireJsonContext.Default.DeadLetter, bad.Count, Deadline);
            int expectedAnomalies = decisions.Count(d => d.IsAnomaly);
            var events = TopicReader.ReadJson(cluster.Options, anomalies, WireJsonContext.Default.AnomalyEvent, expectedAnomalies, Deadline);

            Assert.Equal(BeatCount, decisions.Count);
            Assert.Equal(beats.Select(b => b.BeatId).Order(), decisions.Select(d => d.BeatId).Order());
            Assert.InRange(expectedAnomalies, 1, BeatCount - 1);
            Assert.Equal(decisions.Where(d => d.IsAnomaly).Select(d => d.BeatId).Order(), events.Select(e => e.BeatId).Order());
            Assert.All(events, e => Assert.True(e.Score > e.Threshold));
            Assert.All(events, e => Assert.Equal("test-seed-20240601", e.ModelVersion));
            Assert.All(events, e => Assert.Equal("lstm-ae", e.ModelArchitecture));
            Assert.Equal(bad.Select(b => b.Reason).Order(), letters.Select(l => l.Reason).Order());
            Assert.All(letters, l => Assert.Contains(bad, b => b.Value.AsSpan().SequenceEqual(l.OriginalValue) && b.Reason == l.Reason));
            Assert.All(decisions, d => AssertTyped(d.BeatType, d.Probabilities, d.ClassifierVersion, classifier, samplesOf[d.BeatId]));
            Assert.All(events, e => AssertTyped(e.BeatType, e.Probabilities, e.ClassifierVersion, classifier, samplesOf[e.BeatId]));
            var countedByType = AnomaliesByType(detector.App.Services.GetRequiredService<IMeterFactory>());
            using (var http = new HttpClient { BaseAddress = detector.Address })
                Assert.Contains("ecgstream_anomalies_by_type_total{", await http.GetStringAsync("/metrics"));
            var expectedByType = events.GroupBy(e => e.BeatType!.Name).ToDictionary(g => g.Key, g => (double)g.Count());
            foreach (string name in Beats.Ecg5000.BeatClassNames.All) expectedByType.TryAdd(name, 0);
            Assert.Equal(expectedByType.OrderBy(p => p.Key), countedByType.OrderBy(p => p.Key));
            // Per patient, decisions keep the beats' order.
            foreach (var patient in decisions.GroupBy(d => d.PatientId))
                Assert.Equal(patient.Select(d => d.Sequence).Order(), patient.Select(d => d.Sequence));
        }
        finally
        {
            await detector.StopAsync();
        }

        // Stopped gracefully: every consumed offset is committed, so a restart would re-deliver nothing.
        var committed = Committed(cluster, group, beatsTopic);
        Assert.Equal(BeatCount + bad.Count, committed);
    }

    // The beat's type and probabilities are the classifier's for exactly this beat (its own normalisation applied).
    private static void AssertTyped(BeatType? type, float[]? probabilities, string? version, TestClassifierFile classifier, float[] samples)
    {
        Assert.NotNull(probabilities);
        var expected = classifier.Probabilities(samples);
        for (int c = 0; c < expected.Length; c++) Assert.Equal(expected[c], probabilities[c], 1e-5f);
        Assert.Equal(1f, probabilities.Sum(), 1e-4f);
        Assert.Equal(BeatType.MostLikely(probabilities), type);
        Assert.Equal(classifier.Version, version);
    }

    // The by-type counter of this detector's own meter (other tests' detectors in this process export under the same name).
    private static Dictionary<string, double> AnomaliesByType(IMeterFactory factory)
    {
        var counts = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "ecgstream.anomalies.by_type") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "type") counts[(string)tag.Value!] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return counts;
    }

    private static long Committed(TestCluster cluster, string group, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(cluster.Options.CreateConsumerConfig(group)).Build();
        var partitions = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(topic, p));
        return consumer.Committed(partitions, TimeSpan.FromSeconds(10)).Sum(p => Math.Max(0, p.Offset.Value));
    }
}
