using System.Globalization;
using System.Text;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Evaluation;

/// <summary>
/// Writes one CSV line per scored beat — source file, row index in that file, label, split, score, decision — so every
/// figure of metrics.json can be recomputed from it.
/// </summary>
public static class ScoresFile
{
    /// <summary>The header line.</summary>
    public const string Header = "source_file,row,label,split,score,decision";

    /// <summary>Writes <paramref name="scores"/> to <paramref name="path"/>; scores in round-trip form, decision "anomaly" or "normal".</summary>
    public static void Write(string path, IReadOnlyList<BeatScore> scores)
    {
        MetricsFile.CreateFolderOf(path);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var s in scores)
        {
            text.Append(s.Beat.SourceFile).Append(',')
                .Append(s.Beat.Row.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(((int)s.Beat.Class).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(ProtocolNames.Of(s.Split)).Append(',')
                .Append(s.Score.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(s.Flagged ? "anomaly" : "normal").Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }
}
