namespace EcgStream.Ingest.Replay;

/// <summary>The replay's progress line: totals, the rate over the last interval, labelled anomalies and failures.</summary>
public sealed class ReplayProgress(ReplayCounters counters, TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();
    private long _lastSent, _lastTimestamp = time.GetTimestamp();

    /// <summary>The line for now; the rate is over the time since the previous call.</summary>
    public string Next()
    {
        long sent = counters.Sent, now = time.GetTimestamp();
        double seconds = time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        double rate = seconds > 0 ? (sent - _lastSent) / seconds : 0;
        (_lastSent, _lastTimestamp) = (sent, now);
        var elapsed = time.GetElapsedTime(_start, now);
        string failures = counters.Failed == 0 ? "" : $", {counters.Failed} failed ({counters.LastError})";
        return $"[{elapsed:mm\\:ss}] sent {sent} beats ({rate:F0}/s), delivered {counters.Delivered}, labelled anomalous {counters.LabelledAnomalies}{failures}";
    }
}
