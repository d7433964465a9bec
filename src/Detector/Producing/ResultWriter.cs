using System.Text.Json;
using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Pipeline;
using EcgStream.Detector.Telemetry;

namespace EcgStream.Detector.Producing;

/// <summary>
/// The last stage: for every beat of every scored batch, in batch order, counts its decision (metrics, debug log, the
/// live page's recent anomalies), builds its records (<see cref="ResultRecords"/>) and hands them to the delivery
/// (<see cref="IResultDelivery"/>), which puts each beat's position on <c>done</c> once its results are delivered as
/// the configured guarantee requires. Results are produced in batch order on one producer, so each patient's records
/// keep their order.
/// </summary>
public sealed class ResultWriter(
    IResultDelivery delivery, ResultRecords records, DrainDeadline drain, DetectorMetrics metrics, RecentAnomalies recentAnomalies,
    TimeProvider time, ILogger<ResultWriter> logger)
{
    /// <summary>Writes results until <paramref name="scored"/> completes, then closes the delivery, which completes <paramref name="done"/>.</summary>
    public async Task RunAsync(ChannelReader<ScoredBatch> scored, ChannelWriter<TopicPartitionOffset> done)
    {
        while (await NextAsync(scored, done).ConfigureAwait(false) is { } batch)
        {
            // Out of drain time: the rest is not written (its beats are read again by the partitions' next owner).
            if (drain.RanOut || !await delivery.BeginBatchAsync().ConfigureAwait(false)) continue;
            await WriteAsync(batch, done).ConfigureAwait(false);
            if (delivery.SettleWithin == TimeSpan.Zero) await delivery.SettleAsync(done).ConfigureAwait(false);
        }
        await delivery.CloseAsync(done).ConfigureAwait(false);
    }

    // The next batch, or null once the channel is completed. What was written is settled when it falls due before the
    // next batch arrives, so results of a quiet stream are not held back.
    private async Task<ScoredBatch?> NextAsync(ChannelReader<ScoredBatch> scored, ChannelWriter<TopicPartitionOffset> done)
    {
        while (true)
        {
            if (scored.TryRead(out var batch)) return batch;
            var ready = scored.WaitToReadAsync(CancellationToken.None).AsTask();
            if (delivery.SettleWithin is { } wait && await Task.WhenAny(ready, Task.Delay(wait, time)).ConfigureAwait(false) != ready)
                await delivery.SettleAsync(done).ConfigureAwait(false);
            if (!await ready.ConfigureAwait(false)) return null;
        }
    }

    private async Task WriteAsync(ScoredBatch batch, ChannelWriter<TopicPartitionOffset> done)
    {
        var items = batch.Batch.Items;
        for (int i = 0; i < items.Count; i++)
        {
            // Given up at the drain deadline: the rest of the batch is not written (and the producer may be a stuck one).
            if (drain.RanOut) return;
            var item = items[i];
            if (!delivery.Admit(item)) continue;
            var decidedAt = time.GetUtcNow();
            Count(batch, i, decidedAt);
            await delivery.WriteAsync(item.Position, records.Of(batch, i, decidedAt), done).ConfigureAwait(false);
        }
    }

    // Metrics and logs of item `index`, and the live page's copy of an anomaly.
    private void Count(ScoredBatch batch, int index, DateTimeOffset decidedAt)
    {
        var item = batch.Batch.Items[index];
        if (item.Beat is not { } beat)
        {
            var error = item.Error!.Value;
            metrics.RecordDeadLettered(ReasonTag(error.Reason));
            Log.DeadLettered(logger, item.Position.Topic, item.Position.Partition.Value, item.Position.Offset.Value, error.Reason, error.Detail);
            return;
        }
        var decision = batch.Decisions[index];
        metrics.RecordEndToEndLatency(decidedAt - beat.Timestamp);
        Log.BeatScored(logger, beat.BeatId, beat.PatientId, decision.Score, batch.Metadata.Threshold);
        if (!decision.IsAnomaly) return;
        var (type, probabilities) = batch.TypeOf(index);
        metrics.RecordAnomalous();
        if (type is not null) metrics.RecordAnomalyType(type);
        recentAnomalies.Add(Snapshot(batch, index, item, beat, decidedAt, type, probabilities));
    }

    // The metric tag of a dead-letter reason: snake_case, from a fixed set.
    private static string ReasonTag(DeadLetterReason reason) => JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());

    private static AnomalySnapshot Snapshot(ScoredBatch batch, int index, BeatEnvelope item, BeatWindow beat, DateTimeOffset decidedAt,
        BeatType? type, float[]? probabilities)
    {
        int samples = beat.Samples.Length, row = batch.RowOfItem[index];
        return new AnomalySnapshot
        {
            BeatId = beat.BeatId,
            Source = $"{item.Position.Topic}[{item.Position.Partition.Value}]@{item.Position.Offset.Value}",
            DetectedAt = decidedAt,
            Score = batch.Decisions[index].Score,
            Threshold = batch.Metadata.Threshold,
            ModelVersion = batch.Metadata.ModelVersion,
            Samples = batch.Normalised.AsSpan(row * samples, samples).ToArray(),
            Reconstruction = batch.Reconstructions.AsSpan(row * samples, samples).ToArray(),
            Label = beat.Label is { } label ? BeatClassNames.Name(label) : null,
            BeatType = type?.Name,
            BeatTypeProbability = type is null ? null : probabilities![type.Class - 1],
        };
    }
}
