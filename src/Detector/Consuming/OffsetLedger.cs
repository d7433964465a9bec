using Confluent.Kafka;

namespace EcgStream.Detector.Consuming;

/// <summary>
/// Tracks which consumed offsets are done (their results acknowledged by the broker, or needing no write) and yields,
/// per partition, the offset to store: the highest offset such that it and every earlier consumed offset are done, plus 1
/// (a stored offset names the next message to read). A crash therefore re-delivers unfinished beats and never skips one.
/// Not thread-safe: used only on the consume thread, which also runs the rebalance handlers.
/// </summary>
public sealed class OffsetLedger
{
    private sealed class PartitionState
    {
        // Consumed offsets not yet known to be contiguously done, in consume order (increasing).
        public readonly Queue<long> Pending = new();

        // Done offsets still behind an unfinished one.
        public readonly HashSet<long> Done = [];

        // Next offset to store, when it moved since the last TakeStorable.
        public long? Storable;
    }

    // Assigned partitions only: acknowledgements for partitions no longer assigned are ignored.
    private readonly Dictionary<TopicPartition, PartitionState> _partitions = [];

    /// <summary>Consumed offsets, over all partitions, whose results are not yet done.</summary>
    public int InFlight { get; private set; }

    /// <summary>Starts tracking newly assigned partitions from a clean state.</summary>
    public void Assign(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            Forget(partition);
            _partitions[partition] = new PartitionState();
        }
    }

    /// <summary>Stops tracking partitions that were revoked or lost; their in-flight beats are dropped (the new owner reads them again).</summary>
    public void Revoke(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions) Forget(partition);
    }

    /// <summary>Records that <paramref name="position"/> was consumed and is now in flight. Offsets of one partition must arrive in increasing order.</summary>
    public void Track(TopicPartitionOffset position)
    {
        if (!_partitions.TryGetValue(position.TopicPartition, out var state)) return;
        state.Pending.Enqueue(position.Offset.Value);
        InFlight++;
    }

    /// <summary>Records that the beat at <paramref name="position"/> is done. Unknown partitions and repeated acknowledgements are ignored.</summary>
    public void Complete(TopicPartitionOffset position)
    {
        if (!_partitions.TryGetValue(position.TopicPartition, out var state)) return;
        if (!state.Done.Add(position.Offset.Value)) return;
        // Advance over the contiguous done prefix; an offset done out of order waits in Done for the ones before it.
        while (state.Pending.TryPeek(out long oldest) && state.Done.Remove(oldest))
        {
            state.Pending.Dequeue();
            state.Storable = oldest + 1;
            InFlight--;
        }
    }

    /// <summary>The offsets to store for partitions whose done prefix moved since the last call; each is the next offset to read.</summary>
    public List<TopicPartitionOffset> TakeStorable()
    {
        var result = new List<TopicPartitionOffset>();
        foreach (var (partition, state) in _partitions)
        {
            if (state.Storable is not { } next) continue;
            result.Add(new TopicPartitionOffset(partition, next));
            state.Storable = null;
        }
        return result;
    }

    private void Forget(TopicPartition partition)
    {
        if (_partitions.Remove(partition, out var state)) InFlight -= state.Pending.Count;
    }
}
