using System.Globalization;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Report;

/// <summary>Gathers the classifier report's content from a model's provenance and the evaluation of one split.</summary>
public static class ClassifierReportBuilder
{
    /// <summary>Builds the report data: curves from the provenance, and per true class two example beats.</summary>
    public static ClassifierReportData Build(string modelName, IReadOnlyDictionary<string, string> provenance, ClassificationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        ArgumentNullException.ThrowIfNull(outcome);
        return new ClassifierReportData
        {
            ModelName = modelName,
            Metrics = outcome.Metrics,
            TrainLoss = ReportBuilder.Curve(provenance, ProvenanceKeys.TrainLossCurve),
            ValidationLoss = ReportBuilder.Curve(provenance, ProvenanceKeys.ValidationLossCurve),
            ValidationMacroF1 = ReportBuilder.Curve(provenance, ProvenanceKeys.ValidationMacroF1Curve),
            BestEpoch = provenance.TryGetValue(ProvenanceKeys.BestEpoch, out var best) && int.TryParse(best, CultureInfo.InvariantCulture, out int epoch) ? epoch : null,
            Examples = Examples(outcome.Predictions),
            Provenance = provenance,
        };
    }

    /// <summary>
    /// For each true class present, in class order: the correct beat of median confidence (a typical member, neither
    /// the easiest nor the hardest) and the wrong beat the classifier was surest of, when there is one.
    /// </summary>
    public static IReadOnlyList<ClassifierExample> Examples(IReadOnlyList<BeatPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var examples = new List<ClassifierExample>();
        foreach (var group in predictions.GroupBy(p => p.Truth).OrderBy(g => g.Key))
        {
            var correct = group.Where(p => p.IsCorrect).OrderBy(p => p.Probabilities[p.Truth]).ToList();
            if (correct.Count > 0) examples.Add(new ClassifierExample(correct[correct.Count / 2], "typical"));
            var mistake = group.Where(p => !p.IsCorrect).OrderByDescending(p => p.Probabilities[p.Predicted]).FirstOrDefault();
            if (mistake is not null) examples.Add(new ClassifierExample(mistake, "mistake"));
        }
        return examples;
    }
}
