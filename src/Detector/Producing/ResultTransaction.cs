using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Detector.Pipeline;
using EcgStream.Detector.Telemetry;

namespace EcgStream.Detector.Producing;

/// <summary>
/// Exactly-once writing: the results of consecutive batches go into one Kafka transaction, which commits together with
/// the offsets of the beats it holds (SendOffsetsToTransaction), at most every TransactionInterval and whenever the
/// writer runs out of work. An aborted transaction makes the consume loop rewind to the last committed offsets; the
/// beats in flight meanwhile belong to an older epoch and are dropped, so each beat's results are committed once.
/// A producer whose transactional call does not return is renewed (<see cref="RenewableProducer"/>) and its beats read again.
/// Used only on the writer's thread.
/// </summary>
public sealed class ResultTransaction(
    RenewableProducer producer, PipelineEpoch epoch, DeliveryOptions options, DrainDeadline drain, DetectorMetrics metrics,
    TimeProvider time, ILogger logger, IHostApplicationLifetime lifetime)
{
    // A commit is retried on retriable errors (broker down, coordinator moving) for as long as it takes, in steps of this.
    private static readonly TimeSpan CommitTimeout = TimeSpan.FromSeconds(10);

    // A commit still refused after this long is given up: aborted, and its beats read again in a fresh transaction
    // (seen on the embedded broker after a broker outage: offsets sent to the transaction refused again and again).
    private static readonly TimeSpan StuckCommitTimeout = TimeSpan.FromSeconds(20);

    // The shortest wait for a transactional call once the drain time is nearly up, so the call can be answered at all.
    private static readonly TimeSpan MinimumCallTimeout = TimeSpan.FromSeconds(1);

    // Pause between tries of a refused transactional call, outside the epoch's lock: the consume loop's rebalance handlers need it.
    private readonly KafkaRetry _retry = new(TimeSpan.FromMilliseconds(100), logger);

    // Next offset per partition of the beats whose results are in the open transaction.
    private readonly Dictionary<TopicPartition, Offset> _offsets = [];

    // Positions of those beats, handed to the ledger once committed.
    private readonly List<TopicPartitionOffset> _positions = [];

    private bool _open;
    private int _epoch;

    // The epoch whose transaction was aborted: its later beats are not written either (a commit of them would skip the
    // aborted ones), until the consume loop has rewound and started a new epoch.
    private int _abortedEpoch = -1;
    private long _openedTimestamp;

    /// <summary>True when <paramref name="item"/> was read in the current epoch; results of older ones must not be written.</summary>
    public bool IsCurrent(BeatEnvelope item) => item.Epoch == epoch.Current && item.Epoch != _abortedEpoch;

    /// <summary>
    /// Opens a transaction if none is open; one left from an older epoch is aborted first, and a stuck producer renewed.
    /// False when none could be opened: the producer is stuck and the detector is stopping (no new one is made then).
    /// </summary>
    public async ValueTask<bool> BeginAsync()
    {
        if (_open && _epoch != epoch.Current) await AbortAsync(requestRewind: false).ConfigureAwait(false);
        if (_open) return true;
        if (producer.IsStuck && !await TryRenewAsync().ConfigureAwait(false)) return false;
        _epoch = epoch.Current;
        producer.Current.BeginTransaction();
        _open = true;
        _openedTimestamp = time.GetTimestamp();
        return true;
    }

    /// <summary>Adds the beat at <paramref name="position"/> to the open transaction: its offset commits with it.</summary>
    public void Add(TopicPartitionOffset position)
    {
        _offsets[position.TopicPartition] = position.Offset + 1;
        _positions.Add(position);
    }

    /// <summary>True while a transaction is open.</summary>
    public bool IsOpen => _open;

    // How long one transactional call may wait: CommitTimeout, cut to what the drain has left once stopping.
    private TimeSpan CallTimeout => drain.Bound(CommitTimeout, MinimumCallTimeout);

    /// <summary>How long the open transaction may stay open before it is due (zero when due).</summary>
    public TimeSpan TimeLeft => TimeSpan.FromTicks(Math.Max(0, (options.TransactionInterval - time.GetElapsedTime(_openedTimestamp)).Ticks));

    /// <summary>
    /// Commits the open transaction with its offsets and hands its beats to <paramref name="done"/> (the consume loop then
    /// also commits those offsets the plain way, for brokers that do not keep transactional offsets, like the embedded one). Aborts it instead
    /// when its epoch is over or the broker requires an abort (then the consume loop rewinds); stops the host when fatal.
    /// </summary>
    public async ValueTask CommitAsync(ChannelWriter<TopicPartitionOffset> done)
    {
        if (!_open) return;
        var offsets = _offsets.Select(o => new TopicPartitionOffset(o.Key, o.Value)).ToList();
        long firstTry = time.GetTimestamp();
        try
        {
            // Each try takes the epoch's lock afresh; librdkafka resumes a retried commit where it stopped.
            bool committed = await _retry.RunAsync("Transaction commit", () => epoch.TryCommit(_epoch, offsets, group =>
                {
                    if (offsets.Count > 0) producer.Transact((p, timeout) => p.SendOffsetsToTransaction(offsets, group, timeout), CallTimeout);
                    producer.Transact((p, timeout) => p.CommitTransaction(timeout), CallTimeout);
                    // Under the epoch's lock: a rewind that follows finds these positions in the ledger's channel.
                    foreach (var position in _positions) done.TryWrite(position);
                }),
                e => e is KafkaRetriableException && !drain.HasPassed && time.GetElapsedTime(firstTry) < StuckCommitTimeout).ConfigureAwait(false);
            if (committed) Clear();
            // A rebalance or rewind started a new epoch: these beats are read again, so their results must go.
            else await AbortAsync(requestRewind: false).ConfigureAwait(false);
        }
        catch (KafkaTxnRequiresAbortException e)
        {
            await AbortAndRewindAsync(e.Error).ConfigureAwait(false);
        }
        catch (ProducerStuckException e)
        {
            LeaveToStuckProducer(e);
        }
        catch (KafkaRetriableException e) when (!drain.HasPassed)
        {
            // Refused for StuckCommitTimeout: given up, and its beats read again in a fresh transaction.
            await AbortAndRewindAsync(e.Error).ConfigureAwait(false);
        }
        catch (KafkaException) when (drain.HasPassed)
        {
            // Stopping, and the drain time is up. librdkafka may still finish this commit (results and offsets
            // together), or the broker aborts the transaction when it times out (neither): consistent either way.
            drain.MarkRanOut();
            Clear();
        }
        catch (KafkaException e)
        {
            Log.KafkaFatal(logger, "transactional producer", e.Error.Code, e.Error.Reason);
            lifetime.StopApplication();
            throw;
        }
    }

    /// <summary>Aborts the open transaction because of <paramref name="error"/> (e.g. a write refused in it) and asks the consume loop to rewind.</summary>
    public async ValueTask AbortAndRewindAsync(Error error)
    {
        // A beat's second write fails too once its first one failed: the transaction is already aborted.
        if (!_open) return;
        Log.TransactionAborted(logger, error.Code, error.Reason, _positions.Count);
        metrics.RecordProducerError(error.Code.ToString());
        await AbortAsync(requestRewind: true).ConfigureAwait(false);
    }

    /// <summary>Stopping, out of drain time: aborts the open transaction, if any, so that no commit covers beats whose results were not written.</summary>
    public async ValueTask AbandonAsync()
    {
        if (_open) await AbortAsync(requestRewind: false).ConfigureAwait(false);
    }

    // The open transaction's call did not return: the transaction can neither commit nor abort here, and ends when the
    // next producer fences the stuck one. Its beats are read again; when stopping, by the partitions' next owner (the
    // drain is then incomplete).
    private void LeaveToStuckProducer(ProducerStuckException stuck)
    {
        CountStuck(stuck);
        Clear();
        if (drain.HasStarted)
        {
            drain.MarkRanOut();
            return;
        }
        _abortedEpoch = _epoch;
        epoch.RequestRewind();
    }

    private void CountStuck(ProducerStuckException stuck)
    {
        Log.ProducerStuck(logger, stuck.Waited.TotalSeconds, _positions.Count);
        metrics.RecordProducerError("producer_stuck");
    }

    // A new producer in place of the stuck one, tried until one is made. None while stopping: initialising one can take
    // longer than the drain has, and what is left is read again by the partitions' next owner.
    private async ValueTask<bool> TryRenewAsync()
    {
        try
        {
            bool renewed = await _retry.RunAsync("Producer renewal", () =>
            {
                if (drain.HasStarted) return false;
                producer.Renew();
                return true;
            }, e => !e.Error.IsFatal).ConfigureAwait(false);
            if (!renewed)
            {
                drain.MarkRanOut();
                return false;
            }
            Log.ProducerRenewed(logger);
            return true;
        }
        catch (KafkaException e)
        {
            Log.KafkaFatal(logger, "transactional producer", e.Error.Code, e.Error.Reason);
            lifetime.StopApplication();
            throw;
        }
    }

    private async ValueTask AbortAsync(bool requestRewind)
    {
        try
        {
            await _retry.RunAsync("Transaction abort", () => producer.Transact((p, timeout) => p.AbortTransaction(timeout), CallTimeout),
                e => e is KafkaRetriableException && !drain.HasPassed).ConfigureAwait(false);
        }
        catch (ProducerStuckException e)
        {
            // Its transaction ends when the next producer fences this one.
            CountStuck(e);
        }
        catch (KafkaException) when (drain.HasPassed)
        {
            // Stopping, and the drain time is up: the broker aborts it when it times out.
            drain.MarkRanOut();
        }
        Clear();
        if (!requestRewind) return;
        _abortedEpoch = _epoch;
        epoch.RequestRewind();
    }

    private void Clear()
    {
        _open = false;
        _offsets.Clear();
        _positions.Clear();
    }
}
