using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Producing;

/// <summary>
/// How long a stopping detector may take to drain: from the stop signal, the stages have Detector:DrainTimeout to finish
/// what they hold. Results still unacknowledged then are given up: their offsets are never committed, so whoever owns the
/// partitions next reads those beats again (nothing is lost). Without a deadline a drain waits forever for a broker that
/// is gone, and the host, whose own shutdown timeout ends first, disposes the Kafka clients under a pipeline still running.
/// Thread-safe.
/// </summary>
public sealed class DrainDeadline(IOptions<DeliveryOptions> options, TimeProvider time)
{
    // GetTimestamp of the stop signal; -1 until it comes.
    private long _stoppedAt = -1;

    // 1 once a stage gave up on results at the deadline.
    private int _ranOut;

    // 1 once the pipeline has ended, its offsets committed and its consumer closed.
    private int _finished;

    /// <summary>How long the drain may take.</summary>
    public TimeSpan Timeout { get; } = options.Value.DrainTimeout;

    /// <summary>Starts the clock (the stop signal came); later calls do nothing.</summary>
    public void Start() => Interlocked.CompareExchange(ref _stoppedAt, time.GetTimestamp(), -1);

    /// <summary>Time left to drain: <see cref="TimeSpan.MaxValue"/> before the stop signal, never negative after it.</summary>
    public TimeSpan Remaining
    {
        get
        {
            long stoppedAt = Interlocked.Read(ref _stoppedAt);
            if (stoppedAt < 0) return TimeSpan.MaxValue;
            var left = Timeout - time.GetElapsedTime(stoppedAt);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// A wait of <paramref name="wait"/>, cut to the drain time left once stopping, but never below <paramref name="minimum"/>
    /// (a call given no time at all cannot be answered).
    /// </summary>
    public TimeSpan Bound(TimeSpan wait, TimeSpan minimum)
    {
        var left = Remaining;
        var bounded = left < wait ? left : wait;
        return bounded > minimum ? bounded : minimum;
    }

    /// <summary>True once the stop signal came.</summary>
    public bool HasStarted => Interlocked.Read(ref _stoppedAt) >= 0;

    /// <summary>True once the stop signal came and the drain time is used up.</summary>
    public bool HasPassed => Remaining == TimeSpan.Zero;

    /// <summary>True when a stage gave up on results at the deadline (the drain was incomplete).</summary>
    public bool RanOut => Volatile.Read(ref _ranOut) == 1;

    /// <summary>A stage gave up on results at the deadline.</summary>
    public void MarkRanOut() => Volatile.Write(ref _ranOut, 1);

    /// <summary>The pipeline has ended (after its drain, if it was stopped).</summary>
    public void MarkFinished() => Volatile.Write(ref _finished, 1);

    /// <summary>
    /// True when the pipeline ended with nothing given up. False also when the host stopped waiting for it (its shutdown
    /// timeout passed while the consume loop was still committing or closing, e.g. with its group coordinator unreachable).
    /// </summary>
    public bool IsComplete => Volatile.Read(ref _finished) == 1 && !RanOut;
}
