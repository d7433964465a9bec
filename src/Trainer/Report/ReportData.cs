using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Report;

/// <summary>Everything the HTML report shows, gathered by <see cref="ReportBuilder"/>.</summary>
public sealed record ReportData
{
    /// <summary>The model file's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>The figures of the evaluated split.</summary>
    public required EvaluationMetrics Metrics { get; init; }

    /// <summary>Every evaluated beat with its score and decision.</summary>
    public required IReadOnlyList<BeatScore> Scores { get; init; }

    /// <summary>Training loss per epoch; empty when the model file does not record it.</summary>
    public required IReadOnlyList<double> TrainLoss { get; init; }

    /// <summary>Validation loss per epoch; empty when the model file does not record it.</summary>
    public required IReadOnlyList<double> ValidationLoss { get; init; }

    /// <summary>The epoch whose weights were kept, when recorded.</summary>
    public required int? BestEpoch { get; init; }

    /// <summary>The mean beat of each class present in the split.</summary>
    public required IReadOnlyList<ClassAverage> ClassAverages { get; init; }

    /// <summary>Example beats with reconstructions, a typical one (median score) per class.</summary>
    public required IReadOnlyList<ReconstructionExample> Examples { get; init; }

    /// <summary>The model's provenance entries.</summary>
    public required IReadOnlyDictionary<string, string> Provenance { get; init; }
}
