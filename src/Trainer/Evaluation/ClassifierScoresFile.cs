using System.Globalization;
using System.Text;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Evaluation;

/// <summary>
/// Writes one CSV line per classified beat — source file, row in that file, split, true class, predicted class (archive
/// numbers 1..5) and the five probabilities — so every figure of classifier-metrics.json can be recomputed from it.
/// </summary>
public static class ClassifierScoresFile
{
    /// <summary>The header line.</summary>
    public const string Header = "source_file,row,split,true_class,predicted_class,p_normal,p_r_on_t_pvc,p_pvc,p_sp_eb,p_unclassified";

    /// <summary>Writes <paramref name="predictions"/> to <paramref name="path"/>; probabilities in round-trip form.</summary>
    public static void Write(string path, IReadOnlyList<BeatPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        MetricsFile.CreateFolderOf(path);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var p in predictions)
        {
            text.Append(p.Beat.SourceFile).Append(',')
                .Append(p.Beat.Row.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(ProtocolNames.Of(p.Split)).Append(',')
                .Append((p.Truth + 1).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append((p.Predicted + 1).ToString(CultureInfo.InvariantCulture));
            foreach (float probability in p.Probabilities) text.Append(',').Append(probability.ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }
}
