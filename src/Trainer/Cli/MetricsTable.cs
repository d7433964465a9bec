using System.Globalization;
using EcgStream.Trainer.Evaluation;
using Spectre.Console;

namespace EcgStream.Trainer.Cli;

/// <summary>Prints evaluation figures as console tables: the summary, the confusion matrix and the per-class rates.</summary>
public static class MetricsTable
{
    /// <summary>Writes the tables for <paramref name="metrics"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, EvaluationMetrics metrics)
    {
        string P(double v) => (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
        string D(double? v) => v?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "n/a";

        var summary = new Table().Title(Markup.Escape($"{metrics.ModelVersion}: {metrics.Protocol} protocol, {metrics.Split} split, {metrics.Beats} beats"))
            .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        summary.AddRow("threshold", Markup.Escape($"{metrics.Threshold.ToString("G6", CultureInfo.InvariantCulture)} ({metrics.ErrorMetric}, {metrics.ThresholdMethod})"));
        summary.AddRow("accuracy", P(metrics.Accuracy));
        summary.AddRow("precision", P(metrics.Precision));
        summary.AddRow("recall", P(metrics.Recall));
        summary.AddRow("specificity", P(metrics.Specificity));
        summary.AddRow("F1", D(metrics.F1));
        summary.AddRow("ROC-AUC", D(metrics.RocAuc));
        summary.AddRow("PR-AUC", D(metrics.PrAuc));
        console.Write(summary);

        var c = metrics.ConfusionMatrix;
        var confusion = new Table().Title("confusion matrix (rows: actual)").AddColumn("")
            .AddColumn(new TableColumn("predicted normal").RightAligned()).AddColumn(new TableColumn("predicted anomaly").RightAligned());
        confusion.AddRow("normal", c.TrueNegatives.ToString(CultureInfo.InvariantCulture), c.FalsePositives.ToString(CultureInfo.InvariantCulture));
        confusion.AddRow("anomaly", c.FalseNegatives.ToString(CultureInfo.InvariantCulture), c.TruePositives.ToString(CultureInfo.InvariantCulture));
        console.Write(confusion);

        var perClass = new Table().Title("per class (normal: share passed; others: share flagged)").AddColumn("class")
            .AddColumn(new TableColumn("beats").RightAligned()).AddColumn(new TableColumn("correct").RightAligned()).AddColumn(new TableColumn("rate").RightAligned());
        foreach (var row in metrics.PerClass.Where(r => r.Beats > 0))
        {
            perClass.AddRow(Markup.Escape($"{row.Label} {row.Name}"), row.Beats.ToString(CultureInfo.InvariantCulture),
                row.Correct.ToString(CultureInfo.InvariantCulture), P(row.Rate));
        }
        console.Write(perClass);
    }
}
