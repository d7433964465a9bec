using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;

namespace EcgStream.Tools.Demo;

/// <summary>
/// Counts the demo's decisions against the labels the beats carried: each beat id once (repeats and unlabelled
/// decisions counted apart), the confusion matrix, and every end-to-end latency. Used from one thread.
/// </summary>
public sealed class DemoTally
{
    private readonly HashSet<string> _beatIds = [];
    private readonly List<double> _latenciesMs = [];
    private int _intervalStart, _flaggedUnlabelled;

    /// <summary>Distinct beats decided.</summary>
    public int Scored => _beatIds.Count;

    /// <summary>Decisions for a beat already decided (at-least-once delivery shows up here).</summary>
    public int Repeats { get; private set; }

    /// <summary>Flagged and labelled anomalous.</summary>
    public int TruePositives { get; private set; }

    /// <summary>Flagged but labelled normal.</summary>
    public int FalsePositives { get; private set; }

    /// <summary>Not flagged but labelled anomalous.</summary>
    public int FalseNegatives { get; private set; }

    /// <summary>Not flagged and labelled normal.</summary>
    public int TrueNegatives { get; private set; }

    /// <summary>Decisions of beats that carried no label (not in the confusion matrix).</summary>
    public int Unlabelled { get; private set; }

    /// <summary>Beats flagged as anomalies.</summary>
    public int Flagged => TruePositives + FalsePositives + _flaggedUnlabelled;

    /// <summary>Beats whose carried label is not normal.</summary>
    public int LabelledAnomalous => TruePositives + FalseNegatives;

    /// <summary>Predicted beat types against carried labels, for decisions that carried a type (the detector ran with a classifier).</summary>
    public BeatTypeTally Types { get; } = new();

    /// <summary>Every distinct beat's end-to-end latency, in arrival order.</summary>
    public IReadOnlyList<double> LatenciesMs => _latenciesMs;

    /// <summary>Counts <paramref name="decision"/>; a repeat of a beat id only counts as a repeat.</summary>
    public void Add(ScoredBeat decision)
    {
        if (!_beatIds.Add(decision.BeatId)) { Repeats++; return; }
        _latenciesMs.Add(decision.EndToEndMs);
        Types.Add(decision);
        if (decision.Label is null)
        {
            Unlabelled++;
            if (decision.IsAnomaly) _flaggedUnlabelled++;
            return;
        }
        bool labelled = decision.Label != BeatClass.Normal;
        if (decision.IsAnomaly && labelled) TruePositives++;
        else if (decision.IsAnomaly) FalsePositives++;
        else if (labelled) FalseNegatives++;
        else TrueNegatives++;
    }

    /// <summary>Latencies of the beats decided since the previous call, sorted: the live line's window.</summary>
    public double[] TakeInterval()
    {
        var interval = _latenciesMs.Skip(_intervalStart).Order().ToArray();
        _intervalStart = _latenciesMs.Count;
        return interval;
    }
}
