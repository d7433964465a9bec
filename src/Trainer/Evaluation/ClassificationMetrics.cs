namespace EcgStream.Trainer.Evaluation;

/// <summary>
/// Everything <c>evaluate-classifier</c> reports for one classifier on one protocol and split, as written to
/// classifier-metrics.json. Every figure can be recomputed from the per-beat scores file.
/// </summary>
public sealed record ClassificationMetrics
{
    /// <summary>The model's version string.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>The architecture, "conv1d", "lstm" or "conv1d-lstm".</summary>
    public required string Architecture { get; init; }

    /// <summary>The data protocol, "seed" or "ucr".</summary>
    public required string Protocol { get; init; }

    /// <summary>The split evaluated, "test" or "validation".</summary>
    public required string Split { get; init; }

    /// <summary>Seed of the split shuffles.</summary>
    public required int SplitSeed { get; init; }

    /// <summary>How the training split was balanced, e.g. "smote".</summary>
    public required string Balance { get; init; }

    /// <summary>Beats evaluated.</summary>
    public required int Beats { get; init; }

    /// <summary>Share of beats classified correctly.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Mean per-class recall over the classes present (equal to <see cref="MacroRecall"/>).</summary>
    public required double BalancedAccuracy { get; init; }

    /// <summary>Mean per-class F1 over the classes present.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Mean per-class recall over the classes present.</summary>
    public required double MacroRecall { get; init; }

    /// <summary>Mean per-class precision over the classes present.</summary>
    public required double MacroPrecision { get; init; }

    /// <summary>The class names in index order (rows and columns of <see cref="ConfusionMatrix"/>).</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Precision, recall, F1 and counts of each class, in index order.</summary>
    public required IReadOnlyList<ClassFigures> PerClass { get; init; }

    /// <summary>Rows: true class; columns: predicted class; both in index order.</summary>
    public required int[][] ConfusionMatrix { get; init; }

    /// <summary>The figures of <paramref name="matrix"/>, labelled with the given identity.</summary>
    public static ClassificationMetrics From(
        MulticlassConfusionMatrix matrix, IReadOnlyList<string> classNames, string modelVersion, string architecture,
        string protocol, string split, int splitSeed, string balance)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count != matrix.ClassCount) throw new ArgumentException($"{matrix.ClassCount} class names are needed.", nameof(classNames));
        var perClass = Enumerable.Range(0, matrix.ClassCount).Select(c => new ClassFigures(
            c + 1, classNames[c], matrix.Support(c), matrix.PredictedCount(c), matrix.Correct(c),
            matrix.Precision(c), matrix.Recall(c), matrix.F1(c))).ToList();
        return new ClassificationMetrics
        {
            ModelVersion = modelVersion,
            Architecture = architecture,
            Protocol = protocol,
            Split = split,
            SplitSeed = splitSeed,
            Balance = balance,
            Beats = matrix.Total,
            Accuracy = matrix.Accuracy,
            BalancedAccuracy = matrix.BalancedAccuracy,
            MacroF1 = matrix.MacroF1,
            MacroRecall = matrix.MacroRecall,
            MacroPrecision = matrix.MacroPrecision,
            ClassNames = classNames,
            PerClass = perClass,
            ConfusionMatrix = matrix.Counts,
        };
    }
}
