namespace EcgStream.Trainer.Evaluation;

/// <summary>
/// Everything <c>evaluate</c> reports for one model on one protocol and split, as written to metrics.json.
/// Every figure can be recomputed from the per-beat scores file.
/// </summary>
public sealed record EvaluationMetrics
{
    /// <summary>The model's version string.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>The data protocol, "seed" or "ucr".</summary>
    public required string Protocol { get; init; }

    /// <summary>The split evaluated, "test" or "validation".</summary>
    public required string Split { get; init; }

    /// <summary>Seed of the split shuffles.</summary>
    public required int SplitSeed { get; init; }

    /// <summary>The error metric scores are in.</summary>
    public required string ErrorMetric { get; init; }

    /// <summary>Score above which a beat is flagged.</summary>
    public required float Threshold { get; init; }

    /// <summary>How the threshold was chosen.</summary>
    public required string ThresholdMethod { get; init; }

    /// <summary>Beats evaluated.</summary>
    public required int Beats { get; init; }

    /// <summary>Normal beats evaluated.</summary>
    public required int NormalBeats { get; init; }

    /// <summary>Anomalous beats evaluated.</summary>
    public required int AnomalousBeats { get; init; }

    /// <summary>Decisions against truth, anomaly positive.</summary>
    public required ConfusionMatrix ConfusionMatrix { get; init; }

    /// <summary>Share of beats decided correctly.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Share of flagged beats that are anomalous.</summary>
    public required double Precision { get; init; }

    /// <summary>Share of anomalous beats flagged.</summary>
    public required double Recall { get; init; }

    /// <summary>Harmonic mean of precision and recall.</summary>
    public required double F1 { get; init; }

    /// <summary>Share of normal beats passed.</summary>
    public required double Specificity { get; init; }

    /// <summary>Area under the ROC curve; null when a class is absent.</summary>
    public required double? RocAuc { get; init; }

    /// <summary>Average precision (area under the precision-recall curve); null when there are no anomalies.</summary>
    public required double? PrAuc { get; init; }

    /// <summary>Detection rate per class (normal: share passed).</summary>
    public required IReadOnlyList<ClassDetection> PerClass { get; init; }
}
