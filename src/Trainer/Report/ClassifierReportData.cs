using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Report;

/// <summary>Everything the classifier's HTML report shows, gathered by <see cref="ClassifierReportBuilder"/>.</summary>
public sealed record ClassifierReportData
{
    /// <summary>The model file's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>The figures of the evaluated split.</summary>
    public required ClassificationMetrics Metrics { get; init; }

    /// <summary>Training loss per epoch; empty when the model file does not record it.</summary>
    public required IReadOnlyList<double> TrainLoss { get; init; }

    /// <summary>Validation loss per epoch; empty when not recorded.</summary>
    public required IReadOnlyList<double> ValidationLoss { get; init; }

    /// <summary>Validation macro-F1 per epoch; empty when not recorded.</summary>
    public required IReadOnlyList<double> ValidationMacroF1 { get; init; }

    /// <summary>The epoch whose weights were kept, when recorded.</summary>
    public required int? BestEpoch { get; init; }

    /// <summary>Per true class: a typical correct beat and, where there is one, the most confident mistake.</summary>
    public required IReadOnlyList<ClassifierExample> Examples { get; init; }

    /// <summary>The model's provenance entries.</summary>
    public required IReadOnlyDictionary<string, string> Provenance { get; init; }
}
