using System.Globalization;
using System.Text;
using EcgStream.Beats.Ecg5000;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Training;
using static EcgStream.Trainer.Report.HtmlParts;

namespace EcgStream.Trainer.Report;

/// <summary>
/// Renders <see cref="ReportData"/> as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.
/// Each chart is a &lt;figure data-chart="…"&gt; holding its SVG: loss, histogram, roc, confusion, class-averages,
/// reconstructions.
/// </summary>
public static class HtmlReport
{
    /// <summary>The data-chart names of the figures every report has, in page order.</summary>
    public static readonly IReadOnlyList<string> ChartNames = ["loss", "histogram", "roc", "confusion", "class-averages", "reconstructions"];

    private const string NormalColor = "#2b6cb0";
    private const string AnomalyColor = "#c53030";
    private const string ThresholdColor = "#222";

    private static readonly string[] ClassColors = ["#2b6cb0", "#c53030", "#dd6b20", "#6b46c1", "#2f855a"];

    /// <summary>Writes the report to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path, ReportData data)
    {
        MetricsFile.CreateFolderOf(path);
        File.WriteAllText(path, Render(data));
    }

    /// <summary>The report as an HTML document.</summary>
    public static string Render(ReportData data)
    {
        var m = data.Metrics;
        var html = new StringBuilder();
        Head(html, $"EcgStream model report: {E(data.ModelName)}");

        html.Append($"<h1>ECG5000 anomaly detector: {E(data.ModelName)}</h1>")
            .Append($"<div class=\"sub\">model {E(m.ModelVersion)} · protocol <b>{E(m.Protocol)}</b> · split <b>{E(m.Split)}</b> ({m.Beats} beats: {m.NormalBeats} normal, {m.AnomalousBeats} anomalous) · ")
            .Append($"score {E(m.ErrorMetric)} · threshold {G(m.Threshold)} ({E(m.ThresholdMethod)})</div>");

        html.Append("<div class=\"tiles\">");
        Tile(html, "accuracy", Percent(m.Accuracy));
        Tile(html, "precision", Percent(m.Precision));
        Tile(html, "recall (anomalies flagged)", Percent(m.Recall));
        Tile(html, "specificity (normal passed)", Percent(m.Specificity));
        Tile(html, "F1", D(m.F1));
        Tile(html, "ROC-AUC", m.RocAuc is { } auc ? D(auc) : "n/a");
        Tile(html, "PR-AUC", m.PrAuc is { } ap ? D(ap) : "n/a");
        html.Append("</div>");

        html.Append("<h2>Training</h2><div class=\"grid\">").Append(LossChart(data)).Append("</div>");
        html.Append("<h2>Reconstruction error</h2><div class=\"grid\">").Append(HistogramChart(data)).Append(RocChart(data)).Append(ConfusionChart(m)).Append("</div>");
        html.Append("<h2>Per class</h2>").Append(ClassTable(m));
        html.Append("<h2>Average beat of each class</h2>").Append(ClassAverages(data));
        html.Append("<h2>Example beats and their reconstructions</h2>").Append(Examples(data));
        html.Append("<h2>Provenance</h2>").Append(ProvenanceTable(data.Provenance,
            key => key is ProvenanceKeys.TrainLossCurve or ProvenanceKeys.ValidationLossCurve or ProvenanceKeys.LearningRateCurve
            or ProvenanceKeys.ValidationRocAucCurve));
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string LossChart(ReportData data)
    {
        var train = data.TrainLoss;
        var validation = data.ValidationLoss;
        var all = train.Concat(validation).Where(double.IsFinite).ToList();
        int epochs = Math.Max(train.Count, validation.Count);
        var chart = new SvgChart(540, 300, 1, Math.Max(2, epochs), all.Count == 0 ? 0 : Math.Min(0, all.Min()), all.Count == 0 ? 1 : all.Max() * 1.05)
            .Axes("epoch", "loss");
        if (train.Count > 0) chart.Line(train.Select((v, i) => ((double)i + 1, v)), NormalColor, "training loss");
        if (validation.Count > 0) chart.Line(validation.Select((v, i) => ((double)i + 1, v)), AnomalyColor, "validation loss (normal)");
        if (data.BestEpoch is { } best) chart.VerticalMarker(best, ThresholdColor, $"best epoch {best}");
        // Models trained before the checkpoint criterion was recorded were all ranked by validation loss.
        string criterion = data.Provenance.GetValueOrDefault(ProvenanceKeys.Checkpoint) == "validation-roc-auc"
            ? "highest validation ROC-AUC"
            : "lowest validation loss";
        string caption = epochs == 0
            ? "This model file records no training history."
            : $"Loss per epoch: {epochs} epochs; the weights of epoch {data.BestEpoch?.ToString(CultureInfo.InvariantCulture) ?? "?"} ({criterion}) were kept.";
        return Figure("loss", chart.Render("Training and validation loss"), caption);
    }

    private static string HistogramChart(ReportData data)
    {
        var scores = data.Scores;
        double threshold = data.Metrics.Threshold;
        double min = Math.Min(scores.Min(s => s.Score), threshold), max = Math.Max(scores.Max(s => s.Score), threshold);
        const int bins = 50;
        double width = (max - min) / bins;
        if (!(width > 0)) width = 1;
        var edges = Enumerable.Range(0, bins + 1).Select(i => min + i * width).ToList();
        double[] Count(bool anomalous)
        {
            var counts = new double[bins];
            foreach (var s in scores.Where(s => s.Beat.IsAnomaly == anomalous)) counts[Math.Min(bins - 1, (int)((s.Score - min) / width))]++;
            return counts;
        }
        var normal = Count(false);
        var anomalous = Count(true);
        double top = Math.Max(1, Math.Max(normal.Max(), anomalous.Max())) * 1.08;
        var chart = new SvgChart(540, 300, min, min + bins * width, 0, top).Axes($"reconstruction error ({data.Metrics.ErrorMetric})", "beats");
        chart.Bars(edges, normal, NormalColor, $"normal ({data.Metrics.NormalBeats})")
             .Bars(edges, anomalous, AnomalyColor, $"anomalous ({data.Metrics.AnomalousBeats})")
             .VerticalMarker(threshold, ThresholdColor, $"threshold {G((float)threshold)}");
        return Figure("histogram", chart.Render("Error histograms, normal vs anomalous"), "Beats right of the threshold are flagged as anomalies.");
    }

    private static string RocChart(ReportData data)
    {
        var values = data.Scores.Select(s => s.Score).ToArray();
        var truth = data.Scores.Select(s => s.Beat.IsAnomaly).ToArray();
        var roc = RankingCurves.Roc(values, truth);
        var chart = new SvgChart(360, 300, 0, 1, 0, 1).Axes("false-positive rate", "true-positive rate", 5, 5)
            .Line([(0, 0), (1, 1)], "#a0aec0", dashed: true, width: 1);
        string caption;
        if (roc.Count > 0)
        {
            chart.Line(roc.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)), AnomalyColor, $"ROC, AUC {D(data.Metrics.RocAuc ?? double.NaN)}", width: 2);
            var m = data.Metrics.ConfusionMatrix;
            double fpr = m.FalsePositives + m.TrueNegatives == 0 ? 0 : (double)m.FalsePositives / (m.FalsePositives + m.TrueNegatives);
            chart.Line([(fpr, data.Metrics.Recall), (fpr, data.Metrics.Recall)], ThresholdColor, "operating point", width: 7);
            caption = "The dot is the chosen threshold.";
        }
        else
        {
            caption = "No ROC curve: this split holds only one class.";
        }
        return Figure("roc", chart.Render("ROC curve"), caption);
    }

    private static string ConfusionChart(EvaluationMetrics metrics)
    {
        var c = metrics.ConfusionMatrix;
        int max = Math.Max(1, new[] { c.TruePositives, c.FalsePositives, c.TrueNegatives, c.FalseNegatives }.Max());
        var svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 300\" width=\"300\" height=\"300\" role=\"img\" aria-label=\"Confusion matrix\"><title>Confusion matrix</title>");
        svg.Append("<text x=\"180\" y=\"28\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">predicted</text>")
           .Append("<text x=\"125\" y=\"50\" font-size=\"11\" text-anchor=\"middle\">normal</text><text x=\"235\" y=\"50\" font-size=\"11\" text-anchor=\"middle\">anomaly</text>")
           .Append("<text transform=\"translate(22 170) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">actual</text>")
           .Append("<text x=\"62\" y=\"118\" font-size=\"11\" text-anchor=\"end\">normal</text><text x=\"62\" y=\"228\" font-size=\"11\" text-anchor=\"end\">anomaly</text>");
        void Cell(int column, int row, int count, bool correct)
        {
            double x = 70 + column * 110, y = 60 + row * 110;
            double strength = 0.12 + 0.75 * count / max;
            string color = correct ? NormalColor : AnomalyColor;
            svg.Append($"<rect class=\"cell\" x=\"{x}\" y=\"{y}\" width=\"108\" height=\"108\" fill=\"{color}\" fill-opacity=\"{strength.ToString("0.00", CultureInfo.InvariantCulture)}\" stroke=\"#fff\"/>")
               .Append($"<text x=\"{x + 54}\" y=\"{y + 60}\" font-size=\"22\" text-anchor=\"middle\" fill=\"#111\">{count}</text>");
        }
        Cell(0, 0, c.TrueNegatives, true);
        Cell(1, 0, c.FalsePositives, false);
        Cell(0, 1, c.FalseNegatives, false);
        Cell(1, 1, c.TruePositives, true);
        svg.Append("</svg>");
        return Figure("confusion", svg.ToString(), $"{c.TruePositives + c.TrueNegatives} of {c.Total} beats decided correctly.");
    }

    private static string ClassAverages(ReportData data)
    {
        var figures = new StringBuilder("<div class=\"grid\">");
        var all = data.ClassAverages.SelectMany(a => a.Mean.Select((v, i) => (double)v + a.StandardDeviation[i]).Concat(a.Mean.Select((v, i) => (double)v - a.StandardDeviation[i]))).ToList();
        double low = all.Count == 0 ? -1 : all.Min(), high = all.Count == 0 ? 1 : all.Max();
        foreach (var average in data.ClassAverages)
        {
            string color = ClassColors[((int)average.Class - 1) % ClassColors.Length];
            var chart = new SvgChart(270, 190, 0, average.Mean.Length - 1, low, high).Axes("sample", "amplitude", 4, 4);
            var upper = average.Mean.Select((v, i) => ((double)i, (double)v + average.StandardDeviation[i])).ToList();
            var lower = average.Mean.Select((v, i) => ((double)i, (double)v - average.StandardDeviation[i])).ToList();
            chart.Band(lower, upper, color).Line(average.Mean.Select((v, i) => ((double)i, (double)v)), color, width: 2);
            figures.Append($"<div>{chart.Render($"Average beat: {ProtocolNames.Of(average.Class)}")}<figcaption>{E(ProtocolNames.Of(average.Class))}: mean ± 1 sd of {average.Beats} beats</figcaption></div>");
        }
        figures.Append("</div>");
        return Figure("class-averages", figures.ToString(), "Each class's mean beat with a band of one standard deviation, over the evaluated beats.");
    }

    private static string Examples(ReportData data)
    {
        var figures = new StringBuilder("<div class=\"grid\">");
        foreach (var example in data.Examples)
        {
            var beat = example.Score.Beat;
            var values = beat.Samples.Concat(example.Reconstruction).Select(v => (double)v).ToList();
            var chart = new SvgChart(270, 190, 0, beat.Samples.Length - 1, values.Min(), values.Max()).Axes("sample", "amplitude", 4, 4);
            string color = beat.IsAnomaly ? AnomalyColor : NormalColor;
            chart.Line(beat.Samples.Select((v, i) => ((double)i, (double)v)), color, "beat", width: 1.8)
                 .Line(example.Reconstruction.Select((v, i) => ((double)i, (double)v)), ThresholdColor, "reconstruction", dashed: true, width: 1.4);
            string decision = example.Score.Flagged ? "flagged" : "passed";
            figures.Append($"<div>{chart.Render($"{ProtocolNames.Of(beat.Class)} beat and reconstruction")}<figcaption>{E(ProtocolNames.Of(beat.Class))} ({E(beat.SourceFile)} row {beat.Row}): error {G(example.Score.Score)}, {decision}</figcaption></div>");
        }
        figures.Append("</div>");
        return Figure("reconstructions", figures.ToString(), "A typical beat of each class (median error in its class), solid, with the model's reconstruction, dashed.");
    }

    private static string ClassTable(EvaluationMetrics metrics)
    {
        var table = new StringBuilder("<table><tr><th class=\"l\">class</th><th>beats</th><th>correct</th><th>rate</th><th class=\"l\">meaning of rate</th></tr>");
        foreach (var c in metrics.PerClass.Where(c => c.Beats > 0))
        {
            string meaning = c.Label == (int)BeatClass.Normal ? "share passed as normal" : "share flagged (detection rate)";
            table.Append($"<tr><td class=\"l\">{c.Label} {E(c.Name)}</td><td>{c.Beats}</td><td>{c.Correct}</td><td>{Percent(c.Rate)}</td><td class=\"l\">{meaning}</td></tr>");
        }
        return table.Append("</table>").ToString();
    }

    private static string Percent(double value) => (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private static string G(float value) => value.ToString("G5", CultureInfo.InvariantCulture);
}
