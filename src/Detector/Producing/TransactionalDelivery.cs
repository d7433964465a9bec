using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Detector.Pipeline;
using EcgStream.Detector.Telemetry;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Producing;

/// <summary>
/// Exactly-once: results and the consumed offsets go out in Kafka transactions (<see cref="ResultTransaction"/>), and a
/// beat is done once its transaction commits. When a transaction is given up (aborted, or its producer stuck) or
/// partitions leave, the consume loop rewinds: a new <see cref="PipelineEpoch"/> starts, beats of older ones are not
/// written, and reading resumes at the end of the last committed transaction (or where this process started reading).
/// </summary>
public sealed class TransactionalDelivery : IResultDelivery
{
    // How long past its own timeout a transactional call may take before its producer is taken as stuck and replaced.
    private static readonly TimeSpan StuckCallGrace = TimeSpan.FromSeconds(5);

    // Shared by the two threads: the writer commits under its lock, the consume loop starts epochs under it.
    private readonly PipelineEpoch _epoch = new();
    private readonly RecordSender _sender;
    private readonly ResultTransaction _transaction;
    private readonly DrainDeadline _drain;

    // Consume thread: the first offset read per partition since it was assigned or rewound, the rewind target while this
    // process has committed no transaction for it.
    private readonly Dictionary<TopicPartition, Offset> _readFrom = [];

    /// <summary>Creates the delivery and its transactional producer (<paramref name="createProducer"/>), disposed when the writer closes it.</summary>
    public TransactionalDelivery(
        Func<IProducer<byte[]?, byte[]>> createProducer, IOptions<DeliveryOptions> options, DrainDeadline drain, DetectorMetrics metrics,
        TimeProvider time, ILogger<TransactionalDelivery> logger, IHostApplicationLifetime lifetime)
    {
        var producer = new RenewableProducer(createProducer, StuckCallGrace);
        _sender = new RecordSender(producer, drain, metrics, logger);
        _transaction = new ResultTransaction(producer, _epoch, options.Value, drain, metrics, time, logger, lifetime);
        _drain = drain;
    }

    /// <inheritdoc/>
    public ValueTask<bool> BeginBatchAsync() => _transaction.BeginAsync();

    /// <inheritdoc/>
    public bool Admit(BeatEnvelope beat)
    {
        if (!_transaction.IsCurrent(beat)) return false;
        _transaction.Add(beat.Position);
        return true;
    }

    /// <inheritdoc/>
    public async ValueTask WriteAsync(TopicPartitionOffset position, IReadOnlyList<OutputRecord> records, ChannelWriter<TopicPartitionOffset> done)
    {
        foreach (var record in records)
        {
            try
            {
                // A refused write fails the commit, which aborts and rewinds: writing it again here would duplicate it.
                if (await _sender.ProduceAsync(record, report =>
                    {
                        if (report.Error.IsError) _sender.ReportFailed(record, position, report.Error);
                    }).ConfigureAwait(false)) continue;
                // Out of drain time: the open transaction holds this beat's offset without its result, so no commit may cover it.
                await _transaction.AbandonAsync().ConfigureAwait(false);
                return;
            }
            catch (KafkaException e) when (!e.Error.IsFatal)
            {
                // The transaction is in an abortable state (a write or an added partition was refused): its beats are read again.
                await _transaction.AbortAndRewindAsync(e.Error).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <inheritdoc/>
    public TimeSpan? SettleWithin => _transaction.IsOpen ? _transaction.TimeLeft : null;

    /// <inheritdoc/>
    public ValueTask SettleAsync(ChannelWriter<TopicPartitionOffset> done) => _transaction.CommitAsync(done);

    /// <inheritdoc/>
    public async ValueTask CloseAsync(ChannelWriter<TopicPartitionOffset> done)
    {
        if (!_drain.RanOut) await _transaction.CommitAsync(done).ConfigureAwait(false);
        _sender.Close(done);
    }

    /// <inheritdoc/>
    public void Read(TopicPartitionOffset position) => _readFrom.TryAdd(position.TopicPartition, position.Offset);

    /// <inheritdoc/>
    public void Assigned(IConsumer<byte[]?, byte[]?> client, IReadOnlyCollection<TopicPartition> partitions)
    {
        // Another member may have committed for these since this process last held them.
        _epoch.Forget(partitions);
        foreach (var partition in partitions) _readFrom.Remove(partition);
        _epoch.SetGroup(client.ConsumerGroupMetadata);
    }

    /// <inheritdoc/>
    public void GroupMayHaveChanged(IConsumer<byte[]?, byte[]?> client) => _epoch.SetGroup(client.ConsumerGroupMetadata);

    /// <inheritdoc/>
    public RewindPlan? RequestedRewind(IConsumer<byte[]?, byte[]?> client) => _epoch.RewindRequested ? Rewind(client.Assignment) : null;

    /// <inheritdoc/>
    public RewindPlan? RewindOnLeave(IConsumer<byte[]?, byte[]?> client, IReadOnlyCollection<TopicPartition> leaving) =>
        Rewind(client.Assignment.Except(leaving).ToList());

    /// <summary>Consume thread: starts a new epoch and moves <paramref name="partitions"/> back to their last committed transaction's end, or where this process started reading them.</summary>
    public RewindPlan Rewind(IReadOnlyCollection<TopicPartition> partitions)
    {
        var committed = _epoch.Advance();
        var targets = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            if (!committed.TryGetValue(partition, out var target) && !_readFrom.TryGetValue(partition, out target)) continue;
            targets.Add(new TopicPartitionOffset(partition, target));
            _readFrom[partition] = target;
        }
        return new RewindPlan(_epoch.Current, partitions, targets);
    }
}
