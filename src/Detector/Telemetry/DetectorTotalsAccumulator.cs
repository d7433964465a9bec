namespace EcgStream.Detector.Telemetry;

/// <summary>Thread-safe running totals behind <see cref="DetectorTotals"/>; every update is one or two interlocked adds.</summary>
internal sealed class DetectorTotalsAccumulator
{
    /// <summary>Upper bounds of the latency buckets, ascending.</summary>
    private readonly double[] _boundsSeconds;
    /// <summary>Count per latency bucket; the last element is the overflow bucket.</summary>
    private readonly long[] _latencyBuckets;
    private long _consumed, _scored, _anomalous, _deadLettered, _batches;
    /// <summary>Sum of latencies in 100 ns ticks: an integer so it can be added atomically.</summary>
    private long _latencySumTicks;

    /// <summary>Creates totals with the given latency bucket bounds (seconds, ascending).</summary>
    public DetectorTotalsAccumulator(IReadOnlyList<double> boundsSeconds)
    {
        _boundsSeconds = [.. boundsSeconds];
        _latencyBuckets = new long[_boundsSeconds.Length + 1];
    }

    public void AddConsumed(int count) => Interlocked.Add(ref _consumed, count);

    public void AddAnomalous(int count) => Interlocked.Add(ref _anomalous, count);

    public void AddDeadLettered() => Interlocked.Increment(ref _deadLettered);

    public void AddBatch(int size)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _scored, size);
    }

    public void AddLatency(double seconds)
    {
        // Same rule as Prometheus buckets: a value equal to a bound belongs to that bound's bucket (le = less or equal).
        int bucket = Array.BinarySearch(_boundsSeconds, seconds);
        if (bucket < 0) bucket = ~bucket;
        Interlocked.Increment(ref _latencyBuckets[bucket]);
        Interlocked.Add(ref _latencySumTicks, TimeSpan.FromSeconds(Math.Max(0, seconds)).Ticks);
    }

    public DetectorTotals Snapshot()
    {
        var buckets = new long[_latencyBuckets.Length];
        for (int i = 0; i < buckets.Length; i++) buckets[i] = Interlocked.Read(ref _latencyBuckets[i]);
        return new DetectorTotals(
            Interlocked.Read(ref _consumed), Interlocked.Read(ref _scored), Interlocked.Read(ref _anomalous),
            Interlocked.Read(ref _deadLettered), Interlocked.Read(ref _batches),
            TimeSpan.FromTicks(Interlocked.Read(ref _latencySumTicks)).TotalSeconds, buckets);
    }
}
