namespace EcgStream.Detector.Telemetry;

/// <summary>Bounded, thread-safe ring of the most recent anomalies for the live page. Adding never blocks the pipeline
/// for longer than a copy of one reference; the oldest entry is dropped when full.</summary>
public sealed class RecentAnomalies
{
    /// <summary>Capacity used when the configuration does not set one.</summary>
    public const int DefaultCapacity = 12;

    /// <summary>Ring storage; <see cref="_next"/> is the slot the next anomaly goes to.</summary>
    private readonly NumberedAnomaly[] _ring;
    /// <summary>Guards <see cref="_ring"/>, <see cref="_next"/> and <see cref="_added"/>.</summary>
    private readonly Lock _lock = new();
    private int _next;
    /// <summary>How many anomalies were ever added; the newest one's sequence number.</summary>
    private long _added;

    /// <summary>Creates an empty ring that keeps at most <paramref name="capacity"/> anomalies.</summary>
    public RecentAnomalies(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new NumberedAnomaly[capacity];
    }

    /// <summary>Most anomalies kept.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Number of anomalies ever added (the sequence number of the newest).</summary>
    public long TotalAdded { get { lock (_lock) return _added; } }

    /// <summary>Adds an anomaly, dropping the oldest when the ring is full.</summary>
    public void Add(AnomalySnapshot anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        lock (_lock)
        {
            _added++;
            _ring[_next] = new NumberedAnomaly(_added, anomaly);
            _next = (_next + 1) % _ring.Length;
        }
    }

    /// <summary>The kept anomalies with sequence numbers above <paramref name="afterSequence"/>, newest first.</summary>
    public IReadOnlyList<NumberedAnomaly> Since(long afterSequence = 0)
    {
        var result = new List<NumberedAnomaly>(_ring.Length);
        lock (_lock)
        {
            for (int i = 1; i <= _ring.Length; i++)
            {
                var entry = _ring[(_next - i + _ring.Length) % _ring.Length];
                if (entry is null || entry.Sequence <= afterSequence) break;
                result.Add(entry);
            }
        }
        return result;
    }
}
