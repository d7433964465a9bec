using System.Globalization;
using System.Text;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Training;
using static EcgStream.Trainer.Report.HtmlParts;

namespace EcgStream.Trainer.Report;

/// <summary>
/// Renders <see cref="ClassifierReportData"/> as one self-contained HTML page (inline CSS and SVG, no script, nothing
/// fetched), like <see cref="HtmlReport"/> does for the autoencoder. Each chart is a &lt;figure data-chart="…"&gt;:
/// loss, validation-f1, confusion-matrix, examples.
/// </summary>
public static class ClassifierHtmlReport
{
    /// <summary>The data-chart names of the figures every classifier report has, in page order.</summary>
    public static readonly IReadOnlyList<string> ChartNames = ["loss", "validation-f1", "confusion-matrix", "examples"];

    private const string TrainColor = "#2b6cb0";
    private const string ValidationColor = "#c53030";
    private const string MarkerColor = "#222";
    private const string CorrectColor = "#2b6cb0";
    private const string WrongColor = "#c53030";

    /// <summary>Writes the report to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path, ClassifierReportData data)
    {
        MetricsFile.CreateFolderOf(path);
        File.WriteAllText(path, Render(data));
    }

    /// <summary>The report as an HTML document.</summary>
    public static string Render(ClassifierReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var m = data.Metrics;
        var html = new StringBuilder();
        Head(html, $"EcgStream classifier report: {E(data.ModelName)}");

        html.Append($"<h1>ECG5000 beat classifier: {E(data.ModelName)}</h1>")
            .Append($"<div class=\"sub\">model {E(m.ModelVersion)} · architecture <b>{E(m.Architecture)}</b> · balance <b>{E(m.Balance)}</b> · ")
            .Append($"protocol <b>{E(m.Protocol)}</b> · split <b>{E(m.Split)}</b> ({m.Beats} beats)</div>");

        html.Append("<div class=\"tiles\">");
        Tile(html, "accuracy", Percent(m.Accuracy));
        Tile(html, "balanced accuracy (= macro recall)", Percent(m.BalancedAccuracy));
        Tile(html, "macro-F1", D(m.MacroF1));
        Tile(html, "macro precision", D(m.MacroPrecision));
        html.Append("</div>");

        html.Append("<h2>Training</h2><div class=\"grid\">").Append(LossChart(data)).Append(MacroF1Chart(data)).Append("</div>");
        html.Append("<h2>Confusion matrix</h2>").Append(ConfusionChart(m));
        html.Append("<h2>Per class</h2>").Append(ClassTable(m));
        html.Append("<h2>Example beats</h2>").Append(Examples(data));
        html.Append("<h2>Provenance</h2>").Append(ProvenanceTable(data.Provenance, key => key.EndsWith("_curve", StringComparison.Ordinal)));
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string LossChart(ClassifierReportData data)
    {
        var all = data.TrainLoss.Concat(data.ValidationLoss).Where(double.IsFinite).ToList();
        int epochs = Math.Max(data.TrainLoss.Count, data.ValidationLoss.Count);
        var chart = new SvgChart(540, 300, 1, Math.Max(2, epochs), 0, all.Count == 0 ? 1 : all.Max() * 1.05).Axes("epoch", "cross-entropy");
        if (data.TrainLoss.Count > 0) chart.Line(data.TrainLoss.Select((v, i) => ((double)i + 1, v)), TrainColor, "training loss");
        if (data.ValidationLoss.Count > 0) chart.Line(data.ValidationLoss.Select((v, i) => ((double)i + 1, v)), ValidationColor, "validation loss");
        if (data.BestEpoch is { } best) chart.VerticalMarker(best, MarkerColor, $"kept epoch {best}");
        string caption = epochs == 0
            ? "This model file records no training history."
            : $"Cross-entropy per epoch ({epochs} epochs); the weights of epoch {data.BestEpoch?.ToString(CultureInfo.InvariantCulture) ?? "?"} were kept "
              + $"(best by {data.Provenance.GetValueOrDefault(ProvenanceKeys.Checkpoint, "validation")}). Training loss is over the balanced training set.";
        return Figure("loss", chart.Render("Training and validation loss"), caption);
    }

    private static string MacroF1Chart(ClassifierReportData data)
    {
        var f1 = data.ValidationMacroF1;
        var chart = new SvgChart(420, 300, 1, Math.Max(2, f1.Count), 0, 1).Axes("epoch", "validation macro-F1", 6, 5);
        if (f1.Count > 0) chart.Line(f1.Select((v, i) => ((double)i + 1, v)), ValidationColor, "validation macro-F1");
        if (data.BestEpoch is { } best) chart.VerticalMarker(best, MarkerColor, $"kept epoch {best}");
        string caption = f1.Count == 0 ? "This model file records no validation macro-F1." : "Macro-F1 of the validation split after each epoch.";
        return Figure("validation-f1", chart.Render("Validation macro-F1"), caption);
    }

    /// <summary>The 5×5 matrix as an SVG grid: rows true class, columns predicted, each cell shaded by its share of the row.</summary>
    private static string ConfusionChart(ClassificationMetrics m)
    {
        int n = m.ClassNames.Count;
        const double cell = 78, left = 120, top = 70;
        double size = left + n * cell + 12, height = top + n * cell + 12;
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(size)} {F(height)}\" width=\"{F(size)}\" height=\"{F(height)}\" role=\"img\" aria-label=\"Confusion matrix\"><title>Confusion matrix</title>");
        svg.Append($"<text x=\"{F(left + n * cell / 2)}\" y=\"16\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">predicted</text>")
           .Append($"<text transform=\"translate(14 {F(top + n * cell / 2)}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">true</text>");
        for (int c = 0; c < n; c++)
        {
            svg.Append($"<text x=\"{F(left + c * cell + cell / 2)}\" y=\"{F(top - 10)}\" font-size=\"10\" text-anchor=\"middle\">{E(m.ClassNames[c])}</text>")
               .Append($"<text x=\"{F(left - 6)}\" y=\"{F(top + c * cell + cell / 2 + 4)}\" font-size=\"10\" text-anchor=\"end\">{E(m.ClassNames[c])}</text>");
        }
        for (int t = 0; t < n; t++)
        {
            int support = m.ConfusionMatrix[t].Sum();
            for (int p = 0; p < n; p++)
            {
                int count = m.ConfusionMatrix[t][p];
                double share = support == 0 ? 0 : (double)count / support;
                double x = left + p * cell, y = top + t * cell;
                string color = t == p ? CorrectColor : WrongColor;
                double strength = count == 0 ? 0.03 : 0.12 + 0.8 * share;
                svg.Append($"<rect class=\"cell\" data-true=\"{t + 1}\" data-predicted=\"{p + 1}\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(cell - 2)}\" height=\"{F(cell - 2)}\" fill=\"{color}\" fill-opacity=\"{strength.ToString("0.00", CultureInfo.InvariantCulture)}\" stroke=\"#fff\"/>")
                   .Append($"<text x=\"{F(x + cell / 2)}\" y=\"{F(y + cell / 2 + 2)}\" font-size=\"16\" text-anchor=\"middle\" fill=\"#111\">{count}</text>");
                if (support > 0) svg.Append($"<text x=\"{F(x + cell / 2)}\" y=\"{F(y + cell / 2 + 18)}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#333\">{Percent(share)}</text>");
            }
        }
        svg.Append("</svg>");
        int correct = Enumerable.Range(0, n).Sum(c => m.ConfusionMatrix[c][c]);
        return Figure("confusion-matrix", svg.ToString(), $"Rows: true class; columns: predicted class; the percentage is the share of the row. {correct} of {m.Beats} beats classified correctly.");
    }

    private static string ClassTable(ClassificationMetrics m)
    {
        var table = new StringBuilder("<table><tr><th class=\"l\">class</th><th>support</th><th>predicted</th><th>correct</th><th>precision</th><th>recall</th><th>F1</th></tr>");
        foreach (var c in m.PerClass)
        {
            table.Append($"<tr><td class=\"l\">{c.Label} {E(c.Name)}</td><td>{c.Support}</td><td>{c.Predicted}</td><td>{c.Correct}</td>")
                 .Append($"<td>{D(c.Precision)}</td><td>{D(c.Recall)}</td><td>{D(c.F1)}</td></tr>");
        }
        table.Append($"<tr><th class=\"l\">macro (classes present)</th><td>{m.Beats}</td><td></td><td></td><td>{D(m.MacroPrecision)}</td><td>{D(m.MacroRecall)}</td><td>{D(m.MacroF1)}</td></tr>");
        return table.Append("</table>").ToString();
    }

    private static string Examples(ClassifierReportData data)
    {
        var names = data.Metrics.ClassNames;
        var figures = new StringBuilder("<div class=\"grid\">");
        foreach (var example in data.Examples)
        {
            var p = example.Prediction;
            var samples = p.Beat.Samples;
            double low = samples.Min(), high = samples.Max();
            if (!(high > low)) high = low + 1;
            var chart = new SvgChart(270, 190, 0, samples.Length - 1, low, high).Axes("sample", "amplitude", 4, 4);
            chart.Line(samples.Select((v, i) => ((double)i, (double)v)), p.IsCorrect ? CorrectColor : WrongColor, width: 1.8);
            string title = $"true {names[p.Truth]}, predicted {names[p.Predicted]}";
            string caption = $"{(example.Kind == "mistake" ? "most confident mistake" : "typical")}: true {names[p.Truth]}, predicted {names[p.Predicted]} "
                + $"(p = {p.Probabilities[p.Predicted].ToString("0.000", CultureInfo.InvariantCulture)}); {p.Beat.SourceFile} row {p.Beat.Row}";
            figures.Append($"<div class=\"example\" data-kind=\"{E(example.Kind)}\" data-true=\"{p.Truth + 1}\" data-predicted=\"{p.Predicted + 1}\">")
                   .Append(chart.Render(title)).Append($"<figcaption>{E(caption)}</figcaption></div>");
        }
        figures.Append("</div>");
        return Figure("examples", figures.ToString(),
            "For each true class: a typical correctly classified beat (blue; median confidence among its correct beats) and the mistake the classifier was surest of (red), when it made one.");
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
