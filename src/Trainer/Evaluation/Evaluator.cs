using EcgStream.Beats.Ecg5000;
using EcgStream.Model;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Evaluation;

/// <summary>Turns per-beat scores and a threshold into the reported figures.</summary>
public static class Evaluator
{
    /// <summary>Decides each beat of <paramref name="beats"/> by score &gt; threshold.</summary>
    public static IReadOnlyList<BeatScore> Decide(IReadOnlyList<SplitBeat> beats, ReadOnlySpan<float> scores, float threshold)
    {
        if (beats.Count != scores.Length) throw new ArgumentException("One score per beat is needed.", nameof(scores));
        var decided = new BeatScore[beats.Count];
        for (int i = 0; i < decided.Length; i++) decided[i] = new BeatScore(beats[i].Beat, beats[i].Split, scores[i], scores[i] > threshold);
        return decided;
    }

    /// <summary>Every figure of metrics.json for <paramref name="scores"/> of one split.</summary>
    public static EvaluationMetrics Measure(
        IReadOnlyList<BeatScore> scores, ModelMetadata metadata, DataProtocol protocol, DataSplit split, int splitSeed)
    {
        var values = scores.Select(s => s.Score).ToArray();
        var truth = scores.Select(s => s.Beat.IsAnomaly).ToArray();
        var confusion = ConfusionMatrix.At(values, truth, metadata.Threshold);
        double rocAuc = RankingCurves.RocAuc(values, truth);
        double prAuc = RankingCurves.AveragePrecision(values, truth);
        return new EvaluationMetrics
        {
            ModelVersion = metadata.ModelVersion,
            Protocol = ProtocolNames.Of(protocol),
            Split = ProtocolNames.Of(split),
            SplitSeed = splitSeed,
            ErrorMetric = ProtocolNames.Of(metadata.ErrorMetric),
            Threshold = metadata.Threshold,
            ThresholdMethod = metadata.ThresholdMethod,
            Beats = scores.Count,
            NormalBeats = truth.Count(t => !t),
            AnomalousBeats = truth.Count(t => t),
            ConfusionMatrix = confusion,
            Accuracy = confusion.Accuracy,
            Precision = confusion.Precision,
            Recall = confusion.Recall,
            F1 = confusion.F1,
            Specificity = confusion.Specificity,
            RocAuc = double.IsNaN(rocAuc) ? null : rocAuc,
            PrAuc = double.IsNaN(prAuc) ? null : prAuc,
            PerClass = PerClass(scores),
        };
    }

    private static List<ClassDetection> PerClass(IReadOnlyList<BeatScore> scores)
    {
        var result = new List<ClassDetection>();
        foreach (var beatClass in Enum.GetValues<BeatClass>())
        {
            var members = scores.Where(s => s.Beat.Class == beatClass).ToList();
            int correct = members.Count(s => s.Flagged == s.Beat.IsAnomaly);
            result.Add(new ClassDetection((int)beatClass, ProtocolNames.Of(beatClass), members.Count, correct,
                members.Count == 0 ? 0 : (double)correct / members.Count));
        }
        return result;
    }
}
