using System.Globalization;
using EcgStream.Trainer.Evaluation;
using Spectre.Console;

namespace EcgStream.Trainer.Cli;

/// <summary>Prints a classifier's figures as console tables: the summary, the 5×5 confusion matrix and the per-class figures.</summary>
public static class ClassifierMetricsTable
{
    /// <summary>Writes the tables for <paramref name="metrics"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, ClassificationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(metrics);
        string D(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
        string N(int v) => v.ToString(CultureInfo.InvariantCulture);

        // The identity goes on its own line: as a table title it would be wrapped to the narrow table's width.
        console.MarkupLine(Markup.Escape($"{metrics.ModelVersion} ({metrics.Architecture}, {metrics.Balance}): {metrics.Protocol} protocol, {metrics.Split} split, {metrics.Beats} beats"));
        var summary = new Table().AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        summary.AddRow("accuracy", D(metrics.Accuracy));
        summary.AddRow("balanced accuracy", D(metrics.BalancedAccuracy));
        summary.AddRow("macro-F1", D(metrics.MacroF1));
        summary.AddRow("macro recall", D(metrics.MacroRecall));
        summary.AddRow("macro precision", D(metrics.MacroPrecision));
        console.Write(summary);

        var confusion = new Table().Title("confusion matrix (rows: true, columns: predicted)").AddColumn("");
        foreach (var name in metrics.ClassNames) confusion.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        for (int t = 0; t < metrics.ClassNames.Count; t++)
        {
            confusion.AddRow([Markup.Escape(metrics.ClassNames[t]), .. metrics.ConfusionMatrix[t].Select(N)]);
        }
        console.Write(confusion);

        var perClass = new Table().Title("per class").AddColumn("class")
            .AddColumn(new TableColumn("support").RightAligned()).AddColumn(new TableColumn("predicted").RightAligned())
            .AddColumn(new TableColumn("precision").RightAligned()).AddColumn(new TableColumn("recall").RightAligned()).AddColumn(new TableColumn("F1").RightAligned());
        foreach (var c in metrics.PerClass)
        {
            perClass.AddRow(Markup.Escape($"{c.Label} {c.Name}"), N(c.Support), N(c.Predicted), D(c.Precision), D(c.Recall), D(c.F1));
        }
        console.Write(perClass);
    }
}
