namespace EcgStream.Ingest.Replay;

/// <summary>What a replay has done so far; updated from the replay thread and librdkafka's delivery thread, read from any.</summary>
public sealed class ReplayCounters
{
    private long _sent, _delivered, _failed, _labelledAnomalies;
    private string? _lastError;

    /// <summary>Beats handed to the producer.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Beats the broker acknowledged.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Beats that could not be delivered.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Sent beats whose carried label is not normal.</summary>
    public long LabelledAnomalies => Interlocked.Read(ref _labelledAnomalies);

    /// <summary>The reason of the latest failure, if any.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    internal void AddSent(bool anomalous)
    {
        Interlocked.Increment(ref _sent);
        if (anomalous) Interlocked.Increment(ref _labelledAnomalies);
    }

    internal void AddDelivered() => Interlocked.Increment(ref _delivered);

    internal void AddFailed(string reason)
    {
        Interlocked.Increment(ref _failed);
        Volatile.Write(ref _lastError, reason);
    }
}
