using System.Text.RegularExpressions;
using EcgStream.Beats.Ecg5000;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Report;
using EcgStream.Trainer.Tests.Support;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Tests.Report;

public sealed partial class ClassifierHtmlReportTests
{
    [Fact]
    public void Render_IsSelfContained_NothingIsFetched()
    {
        string html = ClassifierHtmlReport.Render(Sample());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["http://www.w3.org/2000/svg"], Address().Matches(html).Select(m => m.Value).Distinct());
    }

    [Fact]
    public void Render_DrawsEveryChart_AsInlineSvg()
    {
        string html = ClassifierHtmlReport.Render(Sample());

        foreach (string chart in ClassifierHtmlReport.ChartNames)
        {
            var figure = Regex.Match(html, $"<figure class=\"chart\" data-chart=\"{chart}\">(.*?)</figure>", RegexOptions.Singleline);
            Assert.True(figure.Success, $"no {chart} figure");
            Assert.Contains("<svg", figure.Groups[1].Value);
        }
    }

    [Fact]
    public void Render_DrawsTheConfusionMatrix_OneCellPerPair_WithItsCount()
    {
        var data = Sample();

        string html = ClassifierHtmlReport.Render(data);

        var cells = Regex.Matches(html, "<rect class=\"cell\" data-true=\"(\\d)\" data-predicted=\"(\\d)\"");
        Assert.Equal(25, cells.Count);
        // True PVC (3) predicted as R-on-T PVC (2): one beat in the sample.
        Assert.Matches("data-true=\"3\" data-predicted=\"2\"[^>]*/><text[^>]*>1</text>", html);
    }

    [Fact]
    public void Examples_GiveATypicalBeatPerClass_AndTheSurestMistake()
    {
        var outcome = Outcome();

        var examples = ClassifierReportBuilder.Examples(outcome.Predictions);

        Assert.Equal([0, 1, 3, 4], examples.Where(e => e.Kind == "typical").Select(e => e.Prediction.Truth));
        var mistake = Assert.Single(examples, e => e.Kind == "mistake");
        Assert.Equal(2, mistake.Prediction.Truth);
        Assert.Equal(1, mistake.Prediction.Predicted);
    }

    [Fact]
    public void Render_CaptionsEachExample_WithTrueAndPredictedClass()
    {
        string html = ClassifierHtmlReport.Render(Sample());

        Assert.Contains("true PVC, predicted R-on-T PVC", html);
        Assert.Contains("true Normal, predicted Normal", html);
    }

    /// <summary>Six beats: two normal, one of each other class; the PVC is called R-on-T PVC.</summary>
    private static ClassificationOutcome Outcome()
    {
        (BeatClass Class, int Predicted, float Confidence)[] rows =
        [
            (BeatClass.Normal, 0, 0.9f), (BeatClass.Normal, 0, 0.7f), (BeatClass.RonTPvc, 1, 0.8f),
            (BeatClass.Pvc, 1, 0.6f), (BeatClass.SpEb, 3, 0.5f), (BeatClass.Ub, 4, 0.55f),
        ];
        var predictions = rows.Select((r, i) =>
        {
            var p = Enumerable.Repeat((1 - r.Confidence) / 4, 5).ToArray();
            p[r.Predicted] = r.Confidence;
            var beat = new LabeledBeat(r.Class, Enumerable.Range(0, 140).Select(t => MathF.Sin(t / 9f + i)).ToArray(), "ECG5000_TEST.txt", i);
            return new BeatPrediction(beat, DataSplit.Test, r.Predicted, p);
        }).ToList();
        var matrix = MulticlassConfusionMatrix.Of(predictions.Select(p => p.Truth).ToArray(), predictions.Select(p => p.Predicted).ToArray(), 5);
        var metrics = ClassificationMetrics.From(matrix, ClassLabels.Names, "sample", "conv1d", "seed", "test", 5000, "smote");
        return new ClassificationOutcome(metrics, predictions);
    }

    private static ClassifierReportData Sample()
    {
        var provenance = new Dictionary<string, string>
        {
            [ProvenanceKeys.TrainLossCurve] = "1.2,0.8,0.5",
            [ProvenanceKeys.ValidationLossCurve] = "1.1,0.7,0.6",
            [ProvenanceKeys.ValidationMacroF1Curve] = "0.3,0.6,0.7",
            [ProvenanceKeys.BestEpoch] = "3",
            [ProvenanceKeys.Protocol] = "seed",
        };
        return ClassifierReportBuilder.Build("sample.safetensors", provenance, Outcome());
    }

    [GeneratedRegex("https?://[^\"'\\s<>)]+")]
    private static partial Regex Address();
}
