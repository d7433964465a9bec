using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Consuming;
using EcgStream.Detector.Pipeline;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Producing;

/// <summary>
/// Builds the records a beat's result is written as: a dead letter for a message that is not a valid beat; for a beat,
/// an anomaly event when the scorer decided it is anomalous, and a scored beat when Topics:Scores is set. Beats' records
/// are keyed by patient id, so each patient's records keep their order; a dead letter keeps the original key.
/// </summary>
public sealed class ResultRecords(IOptions<TopicsOptions> topics, TimeProvider time)
{
    private readonly TopicsOptions _topics = topics.Value;

    /// <summary>The records of item <paramref name="index"/> of <paramref name="batch"/>, decided at <paramref name="decidedAt"/>; empty when it needs none.</summary>
    public OutputRecord[] Of(ScoredBatch batch, int index, DateTimeOffset decidedAt)
    {
        var item = batch.Batch.Items[index];
        if (item.Beat is not { } beat) return [DeadLetterOf(item, decidedAt)];
        bool anomalous = batch.Decisions[index].IsAnomaly;
        if (!anomalous && _topics.Scores is null) return [];
        byte[] key = Encoding.UTF8.GetBytes(beat.PatientId);
        var typed = batch.TypeOf(index);
        var scored = _topics.Scores is { } scoresTopic ? ScoredBeatOf(scoresTopic, key, batch, index, beat, typed, decidedAt) : null;
        if (!anomalous) return [scored!];
        var anomaly = AnomalyEventOf(key, batch, index, beat, typed, decidedAt);
        return scored is null ? [anomaly] : [anomaly, scored];
    }

    private OutputRecord AnomalyEventOf(byte[] key, ScoredBatch batch, int index, BeatWindow beat,
        (BeatType? Type, float[]? Probabilities) typed, DateTimeOffset decidedAt)
    {
        var item = batch.Batch.Items[index];
        var queue = time.GetElapsedTime(item.ConsumedTimestamp, batch.ScoringStartedTimestamp);
        var endToEnd = decidedAt - beat.Timestamp;
        var anomaly = new AnomalyEvent(beat.BeatId, beat.PatientId, beat.Sequence, beat.Timestamp, batch.Decisions[index].Score,
            batch.Metadata.Threshold, batch.Metadata.ErrorMetric.ToString(), batch.Metadata.ModelVersion, decidedAt,
            new DecisionLatency(queue.TotalMilliseconds, batch.InferenceTime.TotalMilliseconds, endToEnd.TotalMilliseconds),
            Source(item), beat.Label)
        {
            BeatType = typed.Type, Probabilities = typed.Probabilities, ClassifierVersion = batch.ClassifierVersion,
            ModelArchitecture = batch.ModelArchitecture,
        };
        return new OutputRecord(_topics.Anomalies, new Message<byte[]?, byte[]>
        {
            Key = key, Value = JsonSerializer.SerializeToUtf8Bytes(anomaly, WireJsonContext.Default.AnomalyEvent),
        });
    }

    private static OutputRecord ScoredBeatOf(string topic, byte[] key, ScoredBatch batch, int index, BeatWindow beat,
        (BeatType? Type, float[]? Probabilities) typed, DateTimeOffset decidedAt)
    {
        var decision = batch.Decisions[index];
        var scored = new ScoredBeat(beat.BeatId, beat.PatientId, beat.Sequence, decision.Score, decision.IsAnomaly, batch.Metadata.ModelVersion,
            (decidedAt - beat.Timestamp).TotalMilliseconds, beat.Label)
        {
            BeatType = typed.Type, Probabilities = typed.Probabilities, ClassifierVersion = batch.ClassifierVersion,
        };
        return new OutputRecord(topic, new Message<byte[]?, byte[]>
        {
            Key = key, Value = JsonSerializer.SerializeToUtf8Bytes(scored, WireJsonContext.Default.ScoredBeat),
        });
    }

    private OutputRecord DeadLetterOf(BeatEnvelope item, DateTimeOffset at)
    {
        var error = item.Error!.Value;
        // Key and value were cut to a size the dead-letter topic accepts when read (a 900 KB message would be refused there).
        var letter = DeadLetter.Of(error, Source(item), at, item.Key, item.Value);
        return new OutputRecord(_topics.DeadLetters, new Message<byte[]?, byte[]>
        {
            Key = letter.OriginalKey,
            Value = JsonSerializer.SerializeToUtf8Bytes(letter, WireJsonContext.Default.DeadLetter),
            Headers = new Headers { { DeadLetter.ReasonHeader, Encoding.UTF8.GetBytes(error.Reason.ToString()) } },
        });
    }

    private static SourcePosition Source(BeatEnvelope item) =>
        new(item.Position.Topic, item.Position.Partition.Value, item.Position.Offset.Value);
}
