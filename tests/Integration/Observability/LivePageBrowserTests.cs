using EcgStream.Integration.Streaming;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EcgStream.Integration.Observability;

[Collection(ObservabilityCollection.Name)]
public sealed class LivePageBrowserTests(ITestOutputHelper output)
{
    /// <summary>Debian's chromium: Playwright cannot download its own browsers here.</summary>
    private const string Chromium = "/usr/bin/chromium";

    [SystemToolFact(Chromium)]
    public async Task LivePage_ShowsCountsChartsAndAnomalyWithReconstructionTypeAndLabel_WhileBeatsFlow()
    {
        var beats = SyntheticTestBeats.Create(600, patients: 8);
        await using var detector = await RunningDetector.StartAsync(beats);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var externalRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(detector.BaseAddress.ToString(), StringComparison.Ordinal)) externalRequests.Add(request.Url);
        };
        await page.GotoAsync(detector.BaseAddress.ToString());

        // Beats keep flowing for the rest of the test, as they would on a ward.
        var sending = detector.SendAsync(beats, beatsPerSecond: 100);
        var firstCard = page.Locator("[data-testid=anomaly]").First;
        await firstCard.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#throughput path').length > 0", null,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
        await sending;
        // Let the page poll once more so the counters show the finished run.
        await page.WaitForTimeoutAsync(1500);
        byte[] screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        string saved = Path.Combine(AppContext.BaseDirectory, "live-page.png");
        await File.WriteAllBytesAsync(saved, screenshot);
        output.WriteLine($"screenshot: {saved}");

        long scored = long.Parse((await page.InnerTextAsync("#scored")).Replace(",", ""));
        long anomalous = long.Parse((await page.InnerTextAsync("#anomalous")).Replace(",", ""));
        int beatPoints = await firstCard.Locator("path.samples").EvaluateAsync<int>("p => p.getAttribute('d').split('L').length");
        int reconstructionPoints = await firstCard.Locator("path.reconstruction").EvaluateAsync<int>("p => p.getAttribute('d').split('L').length");
        string title = await firstCard.Locator(".title").InnerTextAsync();
        string beatType = await firstCard.Locator("[data-testid=beat-type]").InnerTextAsync();
        string label = await firstCard.Locator("[data-testid=beat-label]").InnerTextAsync();
        Assert.InRange(scored, 1, beats.Count);
        Assert.InRange(anomalous, 1, scored);
        Assert.Equal(140, beatPoints);
        Assert.Equal(140, reconstructionPoints);
        Assert.Matches(@"Beat beat-\d+", title);
        // The predicted type with its probability, and beside it the label the synthetic replay carries.
        Assert.Matches(@"^(Normal|R-on-T PVC|PVC|SP/EB|Unclassified) \d{1,3}%$", beatType);
        Assert.Matches(@"^label: (Normal|PVC)$", label);
        Assert.Empty(externalRequests);
        Assert.True(PngPixels.DistinctColours(screenshot) > 20, "the screenshot is blank");
    }
}
