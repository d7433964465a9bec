using System.Text;
using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;

namespace EcgStream.Tools.Demo;

/// <summary>
/// The demo's per-type counts: for each beat type the classifier predicted, how many decided beats carried each label
/// (and how many none), and how many of them the detector flagged as anomalies. Used from one thread.
/// </summary>
public sealed class BeatTypeTally
{
    // Column of beats that carried no label.
    private const int Unlabelled = BeatClassNames.Count;

    // [predicted class index, label class index or Unlabelled]: distinct decided beats.
    private readonly int[,] _counts = new int[BeatClassNames.Count, BeatClassNames.Count + 1];

    // [predicted class index]: of those, flagged as anomalies.
    private readonly int[] _flagged = new int[BeatClassNames.Count];

    /// <summary>Beats counted: decided beats that carried a predicted type.</summary>
    public int Classified { get; private set; }

    /// <summary>Labelled beats whose predicted type is their label.</summary>
    public int Agreeing { get; private set; }

    /// <summary>Labelled beats counted.</summary>
    public int Labelled { get; private set; }

    /// <summary>Beats of predicted type <paramref name="predicted"/> that carried <paramref name="label"/> (null: no label).</summary>
    public int Count(BeatClass predicted, BeatClass? label) => _counts[(int)predicted - 1, label is { } l ? (int)l - 1 : Unlabelled];

    /// <summary>Beats of predicted type <paramref name="predicted"/> that the detector flagged as anomalies.</summary>
    public int Flagged(BeatClass predicted) => _flagged[(int)predicted - 1];

    /// <summary>Counts one distinct decision; one without a predicted type (no classifier) is not counted.</summary>
    public void Add(ScoredBeat decision)
    {
        if (decision.BeatType is not { } type) return;
        int predicted = type.Class - 1;
        Classified++;
        _counts[predicted, decision.Label is { } label ? (int)label - 1 : Unlabelled]++;
        if (decision.IsAnomaly) _flagged[predicted]++;
        if (decision.Label is null) return;
        Labelled++;
        if ((int)decision.Label == type.Class) Agreeing++;
    }

    /// <summary>The counts as a Markdown table: one row per predicted type, one column per label, then the flagged beats.</summary>
    public string ToTable()
    {
        var table = new StringBuilder();
        table.Append("| predicted \\ labelled |");
        foreach (string name in BeatClassNames.All) table.Append($" {name,12} |");
        table.AppendLine("   unlabelled | flagged anomalous |");
        table.Append("|----------------------|");
        for (int c = 0; c <= BeatClassNames.Count; c++) table.Append("--------------|");
        table.AppendLine("-------------------|");
        for (int p = 0; p < BeatClassNames.Count; p++)
        {
            table.Append($"| {BeatClassNames.All[p],-20} |");
            for (int c = 0; c <= BeatClassNames.Count; c++) table.Append($" {_counts[p, c],12} |");
            table.AppendLine($" {_flagged[p],17} |");
        }
        string agreement = Labelled == 0 ? "no labelled beats" : $"{100.0 * Agreeing / Labelled:F1}% of {Labelled} labelled beats";
        table.AppendLine($"predicted type = label: {agreement}");
        return table.ToString();
    }
}
