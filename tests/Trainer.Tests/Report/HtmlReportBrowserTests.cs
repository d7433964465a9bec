using EcgStream.Trainer.Report;
using EcgStream.Trainer.Tests.Support;
using Microsoft.Playwright;

namespace EcgStream.Trainer.Tests.Report;

public sealed class HtmlReportBrowserTests
{
    /// <summary>Debian's chromium: Playwright cannot download its own browsers here.</summary>
    private const string Chromium = "/usr/bin/chromium";

    [SystemToolFact(Chromium)]
    public async Task Report_RendersEveryChartInChromium_WithoutFetchingAnything()
    {
        using var folder = new TempFolder();
        string path = folder.File("report.html");
        HtmlReport.Write(path, SampleReport.Data());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync(new Uri(path).AbsoluteUri);
        byte[] screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });

        Assert.Equal([new Uri(path).AbsoluteUri], requests);
        foreach (string chart in HtmlReport.ChartNames)
        {
            // Each chart's SVGs are laid out with a size and hold drawn shapes.
            var size = await page.EvaluateAsync<double[]>(
                "name => { const svgs = [...document.querySelectorAll(`figure[data-chart=\"${name}\"] svg`)];"
                + " const area = svgs.reduce((a, s) => { const r = s.getBoundingClientRect(); return a + r.width * r.height; }, 0);"
                + " const shapes = svgs.reduce((a, s) => a + s.querySelectorAll('path,rect,polyline,circle,line').length, 0);"
                + " return [area, shapes]; }", chart);
            Assert.True(size[0] > 10_000, $"{chart}: the chart has no area on the page");
            Assert.True(size[1] > 0, $"{chart}: the chart draws nothing");
        }
        Assert.True(PngPixels.DistinctColours(screenshot) > 20, "the screenshot is blank");
    }
}
