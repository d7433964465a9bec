using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Detector.Telemetry;

namespace EcgStream.Detector.Producing;

/// <summary>
/// What both deliveries do with the result writer's producer: produce a record, waiting while librdkafka's local queue
/// is full; report a failed write (metric and log); and at the end flush until the drain deadline and dispose the
/// producer. Used only on the writer's thread, except <see cref="ReportFailed"/> (librdkafka's delivery thread).
/// </summary>
public sealed class RecordSender(RenewableProducer producer, DrainDeadline drain, DetectorMetrics metrics, ILogger logger)
{
    // The final flush waits in steps of this, so it notices the drain deadline.
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    // A full queue means the broker is slower than we are: wait for deliveries to make room, quietly (it is not an error).
    private readonly KafkaRetry _queueFull = new(TimeSpan.FromMilliseconds(2), logger: null);

    /// <summary>The producer in use (see <see cref="RenewableProducer.Current"/>).</summary>
    public IProducer<byte[]?, byte[]> Producer => producer.Current;

    /// <summary>Produces <paramref name="record"/>, its report going to <paramref name="delivered"/>; false when the local queue stayed full until the drain deadline (not written, drain run out).</summary>
    public async ValueTask<bool> ProduceAsync(OutputRecord record, Action<DeliveryReport<byte[]?, byte[]>> delivered)
    {
        try
        {
            await _queueFull.RunAsync("Produce", () => producer.Current.Produce(record.Topic, record.Message, delivered),
                e => e.Error.Code == ErrorCode.Local_QueueFull && !drain.HasPassed).ConfigureAwait(false);
            return true;
        }
        catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            // Stopping, and the drain time is up: the beat stays undone and is read again by the partitions' next owner.
            drain.MarkRanOut();
            return false;
        }
    }

    /// <summary>Counts and logs that the broker refused <paramref name="record"/>, part of the result of the beat at <paramref name="position"/>.</summary>
    public void ReportFailed(OutputRecord record, TopicPartitionOffset position, Error error)
    {
        metrics.RecordProducerError(error.Code.ToString());
        Log.DeliveryFailed(logger, record.Topic, position.Topic, position.Partition.Value, position.Offset.Value, error.Code, error.IsFatal);
    }

    /// <summary>After the last write: flushes until the drain deadline at most, completes <paramref name="done"/>, disposes the producer.</summary>
    public void Close(ChannelWriter<TopicPartitionOffset> done)
    {
        // Every delivery report arrives before Flush returns, so every done position is written before completion. A
        // broker that does not answer by the drain deadline leaves the rest undone: read again by the partitions' next
        // owner. A stuck producer is not flushed: its transaction is given up, and its call may dispose it at any moment.
        int unacknowledged = 0;
        while (!producer.IsStuck && (unacknowledged = producer.Current.Flush(drain.Bound(FlushInterval, TimeSpan.Zero))) > 0 && !drain.HasPassed) { }
        if (unacknowledged > 0 || drain.RanOut)
        {
            drain.MarkRanOut();
            Log.DrainRanOut(logger, drain.Timeout.TotalMilliseconds, unacknowledged);
        }
        done.TryComplete();
        producer.Dispose();
    }
}
