using Confluent.Kafka;

namespace EcgStream.Detector.Producing;

/// <summary>
/// Exactly-once bookkeeping shared by the consume loop and the transactional result writer. Each consumed beat carries
/// the epoch it was read in; the consume loop starts a new epoch when it rewinds (after a rebalance or an aborted
/// transaction), and the writer drops beats of older epochs, so a beat whose results were aborted is written only after
/// it is read again. Transactions commit under the same lock that starts an epoch, so a commit never lands after the
/// rewind that was meant to replace it, and the offsets each commit sent are kept here as the rewind targets (the
/// embedded broker does not keep offsets sent with a transaction, so they cannot be read back from it).
/// </summary>
public sealed class PipelineEpoch
{
    private readonly Lock _gate = new();

    // Next offset to read per partition, as committed by this process's transactions since the partition was assigned.
    private readonly Dictionary<TopicPartition, Offset> _committed = [];

    // The consumer's group generation, sent with each transaction's offsets (the broker fences stale generations).
    // Written without the lock: a commit holds the lock for as long as the broker takes, and a commit refused for a
    // stale generation must be able to see the fresh one on its next try.
    private IConsumerGroupMetadata? _group;

    private volatile int _current;

    // 1 when the writer aborted a transaction and the consume loop must rewind.
    private int _rewindRequested;

    /// <summary>The epoch beats are read in now.</summary>
    public int Current => _current;

    /// <summary>True when the writer asked the consume loop to rewind.</summary>
    public bool RewindRequested => Volatile.Read(ref _rewindRequested) != 0;

    /// <summary>Consume thread: records the group generation to send with offsets.</summary>
    public void SetGroup(IConsumerGroupMetadata group) => Volatile.Write(ref _group, group);

    /// <summary>Consume thread: forgets what this process committed for <paramref name="partitions"/> (another member may have moved them since).</summary>
    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        lock (_gate)
            foreach (var partition in partitions) _committed.Remove(partition);
    }

    /// <summary>Consume thread: starts a new epoch (beats in flight become stale) and returns where each partition's committed results end.</summary>
    public Dictionary<TopicPartition, Offset> Advance()
    {
        lock (_gate)
        {
            _current++;
            Volatile.Write(ref _rewindRequested, 0);
            return new Dictionary<TopicPartition, Offset>(_committed);
        }
    }

    /// <summary>Writer: asks the consume loop to rewind to the committed offsets (its transaction was aborted).</summary>
    public void RequestRewind() => Volatile.Write(ref _rewindRequested, 1);

    /// <summary>
    /// Writer: runs <paramref name="commit"/> with the group generation, unless <paramref name="epoch"/> is no longer
    /// current or the consumer has no group yet; records <paramref name="offsets"/> when it returns. False when not run.
    /// </summary>
    public bool TryCommit(int epoch, IReadOnlyCollection<TopicPartitionOffset> offsets, Action<IConsumerGroupMetadata> commit)
    {
        lock (_gate)
        {
            var group = Volatile.Read(ref _group);
            if (epoch != _current || group is null) return false;
            commit(group);
            foreach (var offset in offsets) _committed[offset.TopicPartition] = offset.Offset;
            return true;
        }
    }
}
