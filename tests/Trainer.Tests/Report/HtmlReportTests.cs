using System.Text.RegularExpressions;
using EcgStream.Trainer.Report;
using EcgStream.Trainer.Tests.Support;

namespace EcgStream.Trainer.Tests.Report;

public sealed partial class HtmlReportTests
{
    [Fact]
    public void Render_IsSelfContained_NothingIsFetched()
    {
        string html = HtmlReport.Render(SampleReport.Data());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);

        // The only address in the page is the SVG namespace, which names the vocabulary and is never fetched.
        var addresses = Address().Matches(html).Select(m => m.Value).Distinct();
        Assert.Equal(["http://www.w3.org/2000/svg"], addresses);
    }

    [Fact]
    public void Render_DrawsEveryChart_AsInlineSvg()
    {
        string html = HtmlReport.Render(SampleReport.Data());

        foreach (string chart in HtmlReport.ChartNames)
        {
            var figure = Regex.Match(html, $"<figure class=\"chart\" data-chart=\"{chart}\">(.*?)</figure>", RegexOptions.Singleline);
            Assert.True(figure.Success, $"no {chart} figure");
            Assert.Contains("<svg", figure.Groups[1].Value);
            Assert.Matches("<(path|rect|polyline|circle|line)\\b", figure.Groups[1].Value);
        }
    }

    [Fact]
    public void Render_ShowsOneAverageAndOneReconstruction_PerClass()
    {
        string html = HtmlReport.Render(SampleReport.Data());

        foreach (string name in new[] { "Normal", "R-on-T PVC", "PVC", "SP/EB", "UB" })
        {
            Assert.Contains($"Average beat: {name}<", html);
            Assert.Contains($"{name} beat and reconstruction<", html);
        }
    }

    [Fact]
    public void Render_ShowsTheHeadlineFigures_AndTheConfusionCounts()
    {
        string html = HtmlReport.Render(SampleReport.Data());

        Assert.Contains("<b>75.00 %</b><span>accuracy</span>", html);
        Assert.Contains("<b>0.8000</b><span>F1</span>", html);
        Assert.Contains("<b>0.9000</b><span>ROC-AUC</span>", html);
        Assert.Contains("6 of 8 beats decided correctly.", html);
    }

    [Fact]
    public void Write_CreatesTheFolder_AndWritesThePage()
    {
        using var folder = new TempFolder();
        string path = folder.File("out/report.html");

        HtmlReport.Write(path, SampleReport.Data());

        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path));
    }

    [GeneratedRegex("https?://[^\"'\\s)<>]+")]
    private static partial Regex Address();
}
