using System.Text;
using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Batching;
using EcgStream.Detector.Hosting;
using EcgStream.Detector.Pipeline;
using EcgStream.Detector.Producing;
using EcgStream.Detector.Telemetry;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Consuming;

/// <summary>
/// The consume loop, on its own thread: reads beats, parses them, writes them to the bounded beats channel, and stores
/// offsets only once their results are done. Kafka commits stored offsets in the background (EnableAutoCommit with
/// EnableAutoOffsetStore off), so a crash re-delivers unfinished beats and never loses one. Every IConsumer call,
/// rebalance handlers included, happens on this thread. The delivery (<see cref="IResultDelivery"/>) decides when a beat
/// is done and whether results in flight are given up: then the loop rewinds as it says (<see cref="RewindPlan"/>), and
/// stamps later beats with the new epoch so the beats in flight are not written.
/// </summary>
public sealed class BeatConsumer(
    KafkaClientFactory clients, IOptions<TopicsOptions> topics, IResultDelivery delivery, IOptions<BatchingOptions> batching,
    BeatWindowCodec codec, DetectorMetrics metrics, DetectorReadiness readiness, TimeProvider time, ILogger<BeatConsumer> logger,
    IHostApplicationLifetime lifetime)
{
    // How long one Consume call waits for a message; also how often acks are drained and held beats retried.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    // How often consumer lag is recomputed from the cached watermarks.
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);

    private readonly OffsetLedger _ledger = new();

    // Beats consumed while the channel was full, oldest first; their partitions are paused until these are written.
    private readonly Queue<BeatEnvelope> _held = new();

    private readonly TimeSpan _pauseAfter = batching.Value.PauseAfter;

    // One wait for room in a full channel; never longer than PauseAfter, so PauseAfter 0 pauses as soon as it is full.
    private readonly TimeSpan _roomWait = TimeSpan.FromTicks(Math.Min(PollInterval.Ticks, batching.Value.PauseAfter.Ticks));

    private bool _paused;

    // Partitions were assigned while paused; they must be paused too once the assignment is in place.
    private bool _pauseAssigned;

    // The epoch new beats are stamped with: that of the last rewind.
    private int _epoch;

    // Created by Run, with the rebalance handlers bound to this instance.
    private IConsumer<byte[]?, byte[]?> _consumer = null!;

    // Acknowledged positions from the producer; drained by the loop and by the revoke handler.
    private ChannelReader<TopicPartitionOffset> _done = null!;

    /// <summary>
    /// Runs the loop until <paramref name="stoppingToken"/> fires, then drains: hands held beats to the pipeline, completes
    /// <paramref name="beats"/>, waits for every result to be done (<paramref name="done"/> completes), stores, commits, closes.
    /// </summary>
    public void Run(ChannelWriter<BeatEnvelope> beats, ChannelReader<TopicPartitionOffset> done, CancellationToken stoppingToken)
    {
        _done = done;
        var room = new ChannelRoom(beats, time);
        using var client = clients.CreateConsumer(topics.Value.ConsumerGroup, OnAssigned, OnRevoked, OnLost);
        _consumer = client;
        try
        {
            _consumer.Subscribe(topics.Value.Beats);
            Log.ConsumerStarted(logger, topics.Value.Beats, topics.Value.ConsumerGroup);
            long lagComputed = time.GetTimestamp();
            while (!stoppingToken.IsCancellationRequested)
            {
                if (delivery.RequestedRewind(_consumer) is { } rewind) Rewind(rewind);
                StoreCompleted(done);
                if (_pauseAssigned) PauseAssigned();
                FlushHeld(beats);
                if (time.GetElapsedTime(lagComputed) >= LagInterval)
                {
                    ReportLag();
                    // The group generation changes with every rebalance; transactions must carry the current one.
                    delivery.GroupMayHaveChanged(_consumer);
                    lagComputed = time.GetTimestamp();
                }
                // Backpressure: while the channel is full, wait for room rather than read on (see ChannelRoom). A pipeline
                // that takes nothing for PauseAfter gets one more beat read, held, and its partitions paused (Enqueue),
                // so the loop can go on calling Consume: that keeps this member in the group and serves rebalances.
                if (_held.Count == 0 && !room.WaitForRoom(_roomWait) && room.FullFor < _pauseAfter) continue;
                ConsumeResult<byte[]?, byte[]?>? record;
                try
                {
                    record = _consumer.Consume(PollInterval);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    // A message the client could not deliver (e.g. corrupt): dead-letter it if it came with the exception, and go on.
                    Log.ConsumeFailed(logger, e.Error.Code, e.Error.Reason);
                    if (e.ConsumerRecord is { } bad && bad.Partition.Value >= 0)
                        Enqueue(beats, Envelope(bad, new BeatWindowError(DeadLetterReason.ConsumeError, e.Error.Reason)));
                    continue;
                }
                if (record is null || record.IsPartitionEOF) continue;
                metrics.RecordConsumed();
                Enqueue(beats, Parse(record));
            }
            Drain(beats, done);
            _consumer.Close();
            Log.ConsumerClosed(logger);
        }
        catch (ConsumeException e)
        {
            Log.ConsumerFatal(logger, e.Error.Code, e.Error.Reason);
            beats.TryComplete(e);
            lifetime.StopApplication();
        }
        catch (KafkaException e) when (e.Error.IsFatal)
        {
            Log.ConsumerFatal(logger, e.Error.Code, e.Error.Reason);
            beats.TryComplete(e);
            lifetime.StopApplication();
        }
        finally
        {
            readiness.ConsumerAssigned = false;
        }
    }

    /// <summary>Rebalance handler: new partitions start with a clean ledger. Runs on the consume thread, inside Consume.</summary>
    public void OnAssigned(IConsumer<byte[]?, byte[]?> client, List<TopicPartition> partitions)
    {
        _ledger.Assign(partitions);
        // Incremental (cooperative) assignments arrive while the others may be paused; they are paused once in place.
        _pauseAssigned = _paused;
        delivery.Assigned(client, partitions);
        readiness.ConsumerAssigned = client.Assignment.Count + partitions.Count > 0;
        Log.PartitionsAssigned(logger, partitions.Count, string.Join(",", partitions.Select(p => p.Partition.Value)));
    }

    /// <summary>
    /// Rebalance handler: store and commit what is done, then drop the in-flight beats of the revoked partitions (the new
    /// owner reads them again). A rewind the delivery asks for comes first (exactly-once: so no transaction commits after this one).
    /// </summary>
    public void OnRevoked(IConsumer<byte[]?, byte[]?> client, List<TopicPartitionOffset> partitions)
    {
        RewindOnLeave(client, partitions);
        StoreCompleted(_done);
        CommitStored(client);
        Forget(partitions.Select(p => p.TopicPartition).ToList());
        Log.PartitionsRevoked(logger, partitions.Count);
    }

    /// <summary>Rebalance handler: partitions were lost (session timed out); another member may own them, so nothing is committed.</summary>
    public void OnLost(IConsumer<byte[]?, byte[]?> client, List<TopicPartitionOffset> partitions)
    {
        RewindOnLeave(client, partitions);
        Forget(partitions.Select(p => p.TopicPartition).ToList());
        Log.PartitionsLost(logger, partitions.Count);
    }

    private void RewindOnLeave(IConsumer<byte[]?, byte[]?> client, List<TopicPartitionOffset> leaving)
    {
        if (delivery.RewindOnLeave(client, leaving.Select(p => p.TopicPartition).ToList()) is { } rewind) Rewind(rewind);
    }

    /// <summary>
    /// Gives up the beats in flight of the rewound partitions and reads them again from the rewind's targets; beats read
    /// from now on carry the rewind's epoch, so results of older ones are not written.
    /// </summary>
    private void Rewind(RewindPlan rewind)
    {
        _epoch = rewind.Epoch;
        // Positions of transactions committed before the new epoch are in the channel already (written under its lock).
        StoreCompleted(_done);
        _held.Clear();
        _ledger.Revoke(rewind.Partitions);
        _ledger.Assign(rewind.Partitions);
        foreach (var target in rewind.Targets) _consumer.Seek(target);
        // A revoke of everything (e.g. at Close) keeps nothing to rewind; that is routine, not worth a warning.
        if (rewind.Partitions.Count > 0) Log.Rewound(logger, rewind.Partitions.Count, _epoch);
    }

    private void PauseAssigned()
    {
        _pauseAssigned = false;
        if (_paused) _consumer.Pause(_consumer.Assignment);
    }

    private void Forget(List<TopicPartition> partitions)
    {
        _ledger.Revoke(partitions);
        var revoked = partitions.ToHashSet();
        int kept = _held.Count;
        for (int i = 0; i < kept; i++)
        {
            var beat = _held.Dequeue();
            if (!revoked.Contains(beat.Position.TopicPartition)) _held.Enqueue(beat);
        }
        readiness.ConsumerAssigned = _consumer.Assignment.Except(revoked).Any();
        foreach (var partition in partitions) metrics.RemoveConsumerLag(partition.Topic, partition.Partition.Value);
    }

    private BeatEnvelope Parse(ConsumeResult<byte[]?, byte[]?> record)
    {
        byte[] value = record.Message.Value ?? [];
        string? key = record.Message.Key is { } keyBytes ? Encoding.UTF8.GetString(keyBytes) : null;
        if (codec.TryParse(value, key, out var beat, out var error))
            return new BeatEnvelope { Position = record.TopicPartitionOffset, Beat = beat, Epoch = _epoch, ConsumedTimestamp = time.GetTimestamp() };
        return Envelope(record, error);
    }

    private BeatEnvelope Envelope(ConsumeResult<byte[]?, byte[]?> record, BeatWindowError error) => new()
    {
        Position = record.TopicPartitionOffset,
        Error = error,
        // Cut now: a channel full of megabyte-sized bad messages would otherwise hold them whole until they are dead-lettered.
        Key = KeptBytes.Of(record.Message?.Key),
        Value = KeptBytes.Of(record.Message?.Value ?? []),
        Epoch = _epoch,
        ConsumedTimestamp = time.GetTimestamp(),
    };

    private void Enqueue(ChannelWriter<BeatEnvelope> beats, BeatEnvelope beat)
    {
        _ledger.Track(beat.Position);
        delivery.Read(beat.Position);
        if (_held.Count > 0 || !beats.TryWrite(beat))
        {
            // Kept, in order; its offset is stored only once it is done.
            _held.Enqueue(beat);
            if (!_paused)
            {
                // Stop fetching until the engine catches up, but keep calling Consume so we stay in the group.
                _consumer.Pause(_consumer.Assignment);
                _paused = true;
                metrics.RecordConsumerPaused();
                Log.ConsumerPaused(logger, _consumer.Assignment.Count);
            }
        }
    }

    private void FlushHeld(ChannelWriter<BeatEnvelope> beats)
    {
        while (_held.TryPeek(out var beat) && beats.TryWrite(beat)) _held.Dequeue();
        if (_paused && _held.Count == 0)
        {
            _consumer.Resume(_consumer.Assignment);
            _paused = false;
            Log.ConsumerResumed(logger, _consumer.Assignment.Count);
        }
    }

    private void StoreCompleted(ChannelReader<TopicPartitionOffset> done)
    {
        while (done.TryRead(out var position)) _ledger.Complete(position);
        foreach (var offset in _ledger.TakeStorable())
        {
            try
            {
                _consumer.StoreOffset(offset);
            }
            catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_State)
            {
                // The partition was revoked between the ack and now; its new owner re-reads from the last commit.
            }
        }
    }

    private void Drain(ChannelWriter<BeatEnvelope> beats, ChannelReader<TopicPartitionOffset> done)
    {
        Log.Draining(logger, _ledger.InFlight);
        // Held beats were consumed; handing them over now means a graceful stop re-delivers nothing.
        while (_held.TryDequeue(out var beat))
            if (!beats.WaitToWriteAsync().AsTask().GetAwaiter().GetResult() || !beats.TryWrite(beat)) break;   // pipeline failed
        beats.TryComplete();
        // The producer completes `done` after its final flush, so every acknowledgement is in it by then.
        while (done.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) StoreCompleted(done);
        StoreCompleted(done);
        // Committed while still a settled member: leaving starts a rebalance, during which the broker may refuse commits.
        CommitStored(_consumer);
    }

    private void CommitStored(IConsumer<byte[]?, byte[]?> client)
    {
        try
        {
            client.Commit();
        }
        catch (KafkaException e)
        {
            // Nothing stored since the last commit (no offset to commit), or the group is already gone: the next owner re-reads.
            if (e.Error.Code != ErrorCode.Local_NoOffset) Log.CommitFailed(logger, e.Error.Code, e.Error.Reason);
        }
    }

    private void ReportLag()
    {
        foreach (var partition in _consumer.Assignment)
        {
            var watermarks = _consumer.GetWatermarkOffsets(partition);
            var position = _consumer.Position(partition);
            if (watermarks.High.Value >= 0 && position.Value >= 0)
                metrics.SetConsumerLag(partition.Topic, partition.Partition.Value, Math.Max(0, watermarks.High.Value - position.Value));
        }
    }
}
