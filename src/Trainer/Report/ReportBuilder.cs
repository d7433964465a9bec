using System.Globalization;
using EcgStream.Model;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Report;

/// <summary>Gathers the report's content from a model and the evaluation of one split.</summary>
public static class ReportBuilder
{
    /// <summary>
    /// Builds the report data: loss curves from the model's provenance, class averages over the evaluated beats and, per
    /// class, the beat with the median score reconstructed by <paramref name="scorer"/>.
    /// </summary>
    public static ReportData Build(string modelName, ModelMetadata metadata, EvaluationOutcome outcome, BeatScorer scorer)
    {
        var provenance = metadata.Provenance;
        var byClass = outcome.Scores.GroupBy(s => s.Beat.Class).OrderBy(g => g.Key).ToList();
        var averages = byClass.Select(g => Average(g.Key, g.Select(s => s.Beat.Samples).ToList())).ToList();

        // The median-score beat of a class is a typical member, neither its best nor its worst reconstruction.
        var picks = byClass.Select(g => g.OrderBy(s => s.Score).ElementAt(g.Count() / 2)).ToList();
        float[] reconstructions = scorer.Reconstruct(picks.Select(p => p.Beat).ToList());
        int length = picks.Count == 0 ? 0 : reconstructions.Length / picks.Count;
        var examples = picks.Select((p, i) => new ReconstructionExample(p, reconstructions.AsSpan(i * length, length).ToArray())).ToList();

        return new ReportData
        {
            ModelName = modelName,
            Metrics = outcome.Metrics,
            Scores = outcome.Scores,
            TrainLoss = Curve(provenance, ProvenanceKeys.TrainLossCurve),
            ValidationLoss = Curve(provenance, ProvenanceKeys.ValidationLossCurve),
            BestEpoch = provenance.TryGetValue(ProvenanceKeys.BestEpoch, out var best) && int.TryParse(best, CultureInfo.InvariantCulture, out int epoch) ? epoch : null,
            ClassAverages = averages,
            Examples = examples,
            Provenance = provenance,
        };
    }

    /// <summary>Parses a comma-separated curve stored in provenance; empty when absent or unreadable.</summary>
    public static IReadOnlyList<double> Curve(IReadOnlyDictionary<string, string> provenance, string key)
    {
        if (!provenance.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text)) return [];
        var values = new List<double>();
        foreach (var part in text.Split(','))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return [];
            values.Add(value);
        }
        return values;
    }

    private static ClassAverage Average(Beats.Ecg5000.BeatClass beatClass, List<float[]> beats)
    {
        int length = beats[0].Length;
        var mean = new float[length];
        var deviation = new float[length];
        for (int t = 0; t < length; t++)
        {
            double sum = 0, sumOfSquares = 0;
            foreach (var beat in beats)
            {
                sum += beat[t];
                sumOfSquares += (double)beat[t] * beat[t];
            }
            double m = sum / beats.Count;
            mean[t] = (float)m;
            deviation[t] = (float)Math.Sqrt(Math.Max(0, sumOfSquares / beats.Count - m * m));
        }
        return new ClassAverage(beatClass, beats.Count, mean, deviation);
    }
}
