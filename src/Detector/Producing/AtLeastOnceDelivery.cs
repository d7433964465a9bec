using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Detector.Pipeline;
using EcgStream.Detector.Telemetry;

namespace EcgStream.Detector.Producing;

/// <summary>
/// At-least-once: every result is produced on one idempotent producer, in batch order, and a beat is done once the broker
/// has acknowledged all of its writes (or it needs none). A write the broker refuses is produced again; a crash or a
/// rebalance leaves unacknowledged beats uncommitted, so they are read and written again under the same beat id. Never rewinds.
/// </summary>
public sealed class AtLeastOnceDelivery : IResultDelivery
{
    private readonly RecordSender _sender;
    private readonly DrainDeadline _drain;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;

    /// <summary>Creates the delivery and its producer (<paramref name="createProducer"/>), which it disposes when the writer closes it.</summary>
    public AtLeastOnceDelivery(
        Func<IProducer<byte[]?, byte[]>> createProducer, DrainDeadline drain, DetectorMetrics metrics, ILogger<AtLeastOnceDelivery> logger,
        IHostApplicationLifetime lifetime)
    {
        // Its producer never makes transactional calls, so it never gets stuck and never needs the grace.
        _sender = new RecordSender(new RenewableProducer(createProducer, TimeSpan.Zero), drain, metrics, logger);
        _drain = drain;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <inheritdoc/>
    public ValueTask<bool> BeginBatchAsync() => ValueTask.FromResult(true);

    /// <inheritdoc/>
    public bool Admit(BeatEnvelope beat) => true;

    /// <inheritdoc/>
    public async ValueTask WriteAsync(TopicPartitionOffset position, IReadOnlyList<OutputRecord> records, ChannelWriter<TopicPartitionOffset> done)
    {
        if (records.Count == 0)
        {
            done.TryWrite(position);
            return;
        }
        var pending = new PendingResult(position, records.Count);
        foreach (var record in records)
            if (!await _sender.ProduceAsync(record, report => OnDelivered(record, report, pending, done)).ConfigureAwait(false)) return;
    }

    /// <inheritdoc/>
    public TimeSpan? SettleWithin => null;

    /// <inheritdoc/>
    public ValueTask SettleAsync(ChannelWriter<TopicPartitionOffset> done) => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public ValueTask CloseAsync(ChannelWriter<TopicPartitionOffset> done)
    {
        _sender.Close(done);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public void Read(TopicPartitionOffset position) { }

    /// <inheritdoc/>
    public void Assigned(IConsumer<byte[]?, byte[]?> client, IReadOnlyCollection<TopicPartition> partitions) { }

    /// <inheritdoc/>
    public void GroupMayHaveChanged(IConsumer<byte[]?, byte[]?> client) { }

    /// <inheritdoc/>
    public RewindPlan? RequestedRewind(IConsumer<byte[]?, byte[]?> client) => null;

    /// <inheritdoc/>
    public RewindPlan? RewindOnLeave(IConsumer<byte[]?, byte[]?> client, IReadOnlyCollection<TopicPartition> leaving) => null;

    // On librdkafka's delivery thread.
    private void OnDelivered(OutputRecord record, DeliveryReport<byte[]?, byte[]> report, PendingResult pending, ChannelWriter<TopicPartitionOffset> done)
    {
        if (!report.Error.IsError)
        {
            if (pending.Acknowledge()) done.TryWrite(pending.Position);
            return;
        }
        _sender.ReportFailed(record, pending.Position, report.Error);
        if (report.Error.IsFatal)
        {
            // The producer cannot continue (e.g. fenced or out of sequence); the beat stays undone, so it is re-delivered after restart.
            _lifetime.StopApplication();
            return;
        }
        if (_drain.HasPassed)
        {
            // Stopping, and the drain time is up: the beat stays undone and is read again by the partitions' next owner.
            _drain.MarkRanOut();
            return;
        }
        // librdkafka already retried for message.timeout.ms; try again rather than give up on the beat.
        try
        {
            _sender.Producer.Produce(record.Topic, record.Message, retry => OnDelivered(record, retry, pending, done));
        }
        catch (KafkaException e)
        {
            // Refused locally (e.g. the producer is closing): logged only, the beat stays undone.
            Log.DeliveryFailed(_logger, record.Topic, pending.Position.Topic, pending.Position.Partition.Value, pending.Position.Offset.Value, e.Error.Code, e.Error.IsFatal);
        }
    }
}
