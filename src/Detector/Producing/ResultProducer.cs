using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Consuming;
using EcgStream.Detector.Scoring;
using EcgStream.Detector.Telemetry;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Producing;

/// <summary>
/// Writes every result: an anomaly event per anomalous beat, a scored beat per beat when the scores topic is set, and a
/// dead letter per message that could not be scored. When all writes of a beat are acknowledged by the broker (or it
/// needs none), its position goes to <c>done</c>, which the consume loop drains into its offset ledger.
/// Results are produced in batch order by one producer with idempotence on, so each patient's events keep their order.
/// With exactly-once delivery, results and offsets go out in transactions instead (<see cref="ResultTransaction"/>):
/// beats are done when their transaction commits, and beats of an aborted epoch are not written.
/// </summary>
public sealed class ResultProducer(
    Func<IProducer<byte[]?, byte[]>> createProducer, IOptions<TopicsOptions> topics, IOptions<DeliveryOptions> delivery,
    PipelineEpoch epoch, DrainDeadline drain, DetectorMetrics metrics, RecentAnomalies recentAnomalies, TimeProvider time, ILogger<ResultProducer> logger,
    IHostApplicationLifetime lifetime)
{
    // The final flush waits in steps of this, so it notices the drain deadline.
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    // How long past its own timeout a transactional call may take before its producer is taken as stuck and replaced.
    private static readonly TimeSpan StuckCallGrace = TimeSpan.FromSeconds(5);

    private readonly TopicsOptions _topics = topics.Value;

    // Created here and disposed by RunAsync once the stage has ended, never by the host: disposing a producer while a
    // call into it is still blocked (a transactional call the broker does not answer) hangs both for good.
    private readonly RenewableProducer _producer = new(createProducer, StuckCallGrace);

    // Null with at-least-once delivery; set when RunAsync starts (it needs the producer, made as this is constructed).
    private ResultTransaction? _transaction;

    /// <summary>
    /// Writes results until <paramref name="scored"/> completes, then flushes the producer (until the drain deadline at
    /// most) and completes <paramref name="done"/>.
    /// </summary>
    public async Task RunAsync(ChannelReader<ScoredBatch> scored, ChannelWriter<TopicPartitionOffset> done)
    {
        if (delivery.Value.IsExactlyOnce) _transaction = new ResultTransaction(_producer, epoch, delivery.Value, drain, metrics, time, logger, lifetime);
        while (await NextAsync(scored, done).ConfigureAwait(false) is { } batch)
        {
            // Out of drain time: the rest is not written (its beats are read again by the partitions' next owner).
            if (drain.RanOut || _transaction?.Begin() == false) continue;
            await WriteAsync(batch, done).ConfigureAwait(false);
            if (_transaction is { IsDue: true } transaction) transaction.Commit(done);
        }
        if (!drain.RanOut) _transaction?.Commit(done);
        // Every delivery report arrives before Flush returns, so every done position is written before completion. A
        // broker that does not answer by the drain deadline leaves the rest undone: read again by the partitions' next owner.
        // A stuck producer is not flushed: its transaction is given up, and its call may dispose it at any moment.
        int unacknowledged = 0;
        while (!_producer.IsStuck && (unacknowledged = _producer.Current.Flush(drain.Bound(FlushInterval, TimeSpan.Zero))) > 0 && !drain.HasPassed) { }
        if (unacknowledged > 0 || drain.RanOut)
        {
            drain.MarkRanOut();
            Log.DrainRanOut(logger, drain.Timeout.TotalMilliseconds, unacknowledged);
        }
        done.TryComplete();
        _producer.Dispose();
    }

    // The next batch, or null once the channel is completed. An open transaction is committed when it falls due before
    // the next batch arrives, so results of a quiet stream are not held back.
    private async Task<ScoredBatch?> NextAsync(ChannelReader<ScoredBatch> scored, ChannelWriter<TopicPartitionOffset> done)
    {
        while (true)
        {
            if (scored.TryRead(out var batch)) return batch;
            var ready = scored.WaitToReadAsync(CancellationToken.None).AsTask();
            if (_transaction is { IsOpen: true } transaction
                && await Task.WhenAny(ready, Task.Delay(transaction.TimeLeft, time)).ConfigureAwait(false) != ready)
                transaction.Commit(done);
            if (!await ready.ConfigureAwait(false)) return null;
        }
    }

    private async Task WriteAsync(ScoredBatch batch, ChannelWriter<TopicPartitionOffset> done)
    {
        var items = batch.Batch.Items;
        float threshold = batch.Metadata.Threshold;
        for (int i = 0; i < items.Count; i++)
        {
            // Given up at the drain deadline: the rest of the batch is not written (and the producer may be a stuck one).
            if (drain.RanOut) return;
            var item = items[i];
            if (_transaction is { } transaction)
            {
                if (!transaction.IsCurrent(item)) continue;
                transaction.Add(item.Position);
            }
            if (item.Beat is not { } beat)
            {
                await DeadLetterAsync(item, done).ConfigureAwait(false);
                continue;
            }
            float score = batch.Scores[i];
            bool anomalous = score > threshold;
            var decidedAt = time.GetUtcNow();
            var endToEnd = decidedAt - beat.Timestamp;
            metrics.RecordEndToEndLatency(endToEnd);
            Log.BeatScored(logger, beat.BeatId, beat.PatientId, score, threshold);
            int writes = (anomalous ? 1 : 0) + (_topics.Scores is null ? 0 : 1);
            if (writes == 0)
            {
                Done(item.Position, done);
                continue;
            }
            var pending = new PendingResult(item.Position, writes);
            byte[] key = Encoding.UTF8.GetBytes(beat.PatientId);
            var (type, probabilities) = Classification(batch, i);
            if (anomalous)
            {
                metrics.RecordAnomalous();
                if (type is not null) metrics.RecordAnomalyType(type);
                var queue = time.GetElapsedTime(item.ConsumedTimestamp, batch.ScoringStartedTimestamp);
                var anomaly = new AnomalyEvent(beat.BeatId, beat.PatientId, beat.Sequence, beat.Timestamp, score, threshold,
                    batch.Metadata.ErrorMetric.ToString(), batch.Metadata.ModelVersion, decidedAt,
                    new DecisionLatency(queue.TotalMilliseconds, batch.InferenceTime.TotalMilliseconds, endToEnd.TotalMilliseconds),
                    Source(item), beat.Label)
                {
                    BeatType = type, Probabilities = probabilities, ClassifierVersion = batch.ClassifierVersion,
                    ModelArchitecture = batch.ModelArchitecture,
                };
                await ProduceAsync(_topics.Anomalies, key, JsonSerializer.SerializeToUtf8Bytes(anomaly, WireJsonContext.Default.AnomalyEvent), null, pending, done).ConfigureAwait(false);
                recentAnomalies.Add(Snapshot(batch, i, item, beat, score, threshold, decidedAt, type, probabilities));
            }
            if (_topics.Scores is { } scoresTopic)
            {
                var record = new ScoredBeat(beat.BeatId, beat.PatientId, beat.Sequence, score, anomalous, batch.Metadata.ModelVersion,
                    endToEnd.TotalMilliseconds, beat.Label)
                {
                    BeatType = type, Probabilities = probabilities, ClassifierVersion = batch.ClassifierVersion,
                };
                await ProduceAsync(scoresTopic, key, JsonSerializer.SerializeToUtf8Bytes(record, WireJsonContext.Default.ScoredBeat), null, pending, done).ConfigureAwait(false);
            }
        }
    }

    // The predicted type and the five probabilities of item <paramref name="index"/>; (null, null) without a classifier.
    private static (BeatType? Type, float[]? Probabilities) Classification(ScoredBatch batch, int index)
    {
        if (batch.Probabilities is not { } all) return (null, null);
        int classes = BeatClassNames.Count;
        var probabilities = all.AsSpan(batch.RowOfItem[index] * classes, classes).ToArray();
        return (BeatType.MostLikely(probabilities), probabilities);
    }

    private async Task DeadLetterAsync(BeatEnvelope item, ChannelWriter<TopicPartitionOffset> done)
    {
        var error = item.Error!.Value;
        // Key and value were cut to a size the dead-letter topic accepts when read (a 900 KB message would be refused there).
        var letter = DeadLetter.Of(error, Source(item), time.GetUtcNow(), item.Key, item.Value);
        var headers = new Headers { { DeadLetter.ReasonHeader, Encoding.UTF8.GetBytes(error.Reason.ToString()) } };
        metrics.RecordDeadLettered(ReasonTag(error.Reason));
        Log.DeadLettered(logger, item.Position.Topic, item.Position.Partition.Value, item.Position.Offset.Value, error.Reason, error.Detail);
        await ProduceAsync(_topics.DeadLetters, letter.OriginalKey, JsonSerializer.SerializeToUtf8Bytes(letter, WireJsonContext.Default.DeadLetter),
            headers, new PendingResult(item.Position, 1), done).ConfigureAwait(false);
    }

    private async Task ProduceAsync(string topic, byte[]? key, byte[] value, Headers? headers, PendingResult pending,
        ChannelWriter<TopicPartitionOffset> done)
    {
        var message = new Message<byte[]?, byte[]> { Key = key, Value = value, Headers = headers };
        while (true)
        {
            try
            {
                _producer.Current.Produce(topic, message, report => OnDelivered(topic, message, report, pending, done));
                return;
            }
            catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                if (drain.HasPassed)
                {
                    GiveUp();
                    return;
                }
                // librdkafka's queue is full: the broker is slower than we are. Wait for deliveries to make room.
                await Task.Delay(TimeSpan.FromMilliseconds(2), CancellationToken.None).ConfigureAwait(false);
            }
            catch (KafkaException e) when (_transaction is not null && !e.Error.IsFatal)
            {
                // The transaction is in an abortable state (a write or an added partition was refused): its beats are read again.
                _transaction.AbortAndRewind(e.Error);
                return;
            }
        }
    }

    private void OnDelivered(string topic, Message<byte[]?, byte[]> message, DeliveryReport<byte[]?, byte[]> report,
        PendingResult pending, ChannelWriter<TopicPartitionOffset> done)
    {
        if (!report.Error.IsError)
        {
            if (pending.Acknowledge()) Done(pending.Position, done);
            return;
        }
        metrics.RecordProducerError(report.Error.Code.ToString());
        Log.DeliveryFailed(logger, topic, pending.Position.Topic, pending.Position.Partition.Value, pending.Position.Offset.Value, report.Error.Code, report.Error.IsFatal);
        // In a transaction, a failed write fails the commit, which aborts and rewinds: writing it again here would duplicate it.
        if (_transaction is not null) return;
        if (report.Error.IsFatal)
        {
            // The producer cannot continue (e.g. fenced or out of sequence); the beat stays undone, so it is re-delivered after restart.
            lifetime.StopApplication();
            return;
        }
        if (drain.HasPassed)
        {
            GiveUp();
            return;
        }
        // librdkafka already retried for message.timeout.ms; try again rather than give up on the beat.
        try
        {
            _producer.Current.Produce(topic, message, retry => OnDelivered(topic, message, retry, pending, done));
        }
        catch (KafkaException e)
        {
            Log.DeliveryFailed(logger, topic, pending.Position.Topic, pending.Position.Partition.Value, pending.Position.Offset.Value, e.Error.Code, e.Error.IsFatal);
        }
    }

    // Stopping, and the drain time is up: this result is not written, so its beat stays undone and is read again by the
    // partitions' next owner. With exactly-once, the open transaction already holds the beat's offset: it is abandoned,
    // so that no commit covers a beat without its result.
    private void GiveUp()
    {
        drain.MarkRanOut();
        _transaction?.Abandon();
    }

    // With at-least-once, a beat is done once its writes are acknowledged; in a transaction, only once the transaction commits.
    private void Done(TopicPartitionOffset position, ChannelWriter<TopicPartitionOffset> done)
    {
        if (_transaction is null) done.TryWrite(position);
    }

    private static SourcePosition Source(BeatEnvelope item) =>
        new(item.Position.Topic, item.Position.Partition.Value, item.Position.Offset.Value);

    /// <summary>The metric tag of a dead-letter reason: snake_case, from a fixed set.</summary>
    public static string ReasonTag(DeadLetterReason reason) => JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());

    private static AnomalySnapshot Snapshot(ScoredBatch batch, int index, BeatEnvelope item, BeatWindow beat, float score, float threshold,
        DateTimeOffset decidedAt, BeatType? type, float[]? probabilities)
    {
        int samples = beat.Samples.Length, row = batch.RowOfItem[index];
        return new AnomalySnapshot
        {
            BeatId = beat.BeatId,
            Source = $"{item.Position.Topic}[{item.Position.Partition.Value}]@{item.Position.Offset.Value}",
            DetectedAt = decidedAt,
            Score = score,
            Threshold = threshold,
            ModelVersion = batch.Metadata.ModelVersion,
            Samples = batch.Normalised.AsSpan(row * samples, samples).ToArray(),
            Reconstruction = batch.Reconstructions.AsSpan(row * samples, samples).ToArray(),
            Label = beat.Label is { } label ? BeatClassNames.Name(label) : null,
            BeatType = type?.Name,
            BeatTypeProbability = type is null ? null : probabilities![type.Class - 1],
        };
    }
}
