namespace EcgStream.Integration.Reliability;

/// <summary>
/// The end-to-end account of a stream: beat ids sent in versus decisions (scored beats) that came out. A beat is lost when
/// it was sent and never decided, duplicated when it was decided more than once, unexpected when it was never sent.
/// Thread-safe: the sender and the decision reader record from their own threads.
/// </summary>
public sealed class BeatLedger
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _sent = [];
    private readonly Dictionary<string, int> _decided = [];

    /// <summary>Beats sent so far.</summary>
    public int SentCount { get { lock (_gate) return _sent.Count; } }

    /// <summary>Distinct beats decided so far.</summary>
    public int DecidedCount { get { lock (_gate) return _decided.Count; } }

    /// <summary>Decisions received so far, duplicates included.</summary>
    public int DecisionCount { get { lock (_gate) return _decided.Values.Sum(); } }

    /// <summary>Records that beat <paramref name="beatId"/> was sent.</summary>
    public void Sent(string beatId)
    {
        lock (_gate) _sent.Add(beatId);
    }

    /// <summary>Records a decision for beat <paramref name="beatId"/>.</summary>
    public void Decided(string beatId)
    {
        lock (_gate) _decided[beatId] = _decided.GetValueOrDefault(beatId) + 1;
    }

    /// <summary>Beats sent and not decided, in id order.</summary>
    public List<string> Lost()
    {
        lock (_gate) return _sent.Where(id => !_decided.ContainsKey(id)).Order().ToList();
    }

    /// <summary>Beats decided more than once, in id order.</summary>
    public List<string> Duplicated()
    {
        lock (_gate) return _decided.Where(d => d.Value > 1).Select(d => d.Key).Order().ToList();
    }

    /// <summary>Decisions for beats that were never sent, in id order.</summary>
    public List<string> Unexpected()
    {
        lock (_gate) return _decided.Keys.Where(id => !_sent.Contains(id)).Order().ToList();
    }

    /// <summary>True when every sent beat has a decision.</summary>
    public bool IsComplete
    {
        get { lock (_gate) return _sent.All(_decided.ContainsKey); }
    }

    /// <summary>One line for test output and failure messages.</summary>
    public override string ToString()
    {
        var lost = Lost();
        var duplicated = Duplicated();
        return $"sent {SentCount}, decided {DecidedCount} ({DecisionCount} decisions), lost {lost.Count}, duplicated {duplicated.Count}, "
            + $"unexpected {Unexpected().Count}; first lost: {string.Join(",", lost.Take(5))}; first duplicated: {string.Join(",", duplicated.Take(5))}";
    }
}
