using EcgStream.Detector.Telemetry;

namespace EcgStream.Detector.Web;

/// <summary>Maps the detector's HTTP surface: /metrics, /healthz, /readyz, the live page at / and its data at /api/live, POST /admin/reload.</summary>
public static class EndpointRouteBuilderExtensions
{
    /// <summary>Address the detector listens on when neither --urls, ASPNETCORE_URLS nor the "Urls" setting names one:
    /// all interfaces, port 9464 (the port OpenTelemetry's Prometheus exporters use by convention).</summary>
    public const string DefaultUrls = "http://0.0.0.0:9464";

    /// <summary>Path Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Name of the embedded live page.</summary>
    private const string LivePageResource = "EcgStream.Detector.Web.Assets.live.html";

    /// <summary>Maps every endpoint and applies <see cref="DefaultUrls"/> when no address is configured.</summary>
    public static WebApplication MapDetectorEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (string.IsNullOrWhiteSpace(app.Configuration[WebHostDefaults.ServerUrlsKey]) && app.Urls.Count == 0)
            app.Urls.Add(DefaultUrls);

        // OpenTelemetry's Prometheus exporter: it collects on each scrape and answers in the format the scraper asks for
        // (the Prometheus text format 0.0.4 unless the Accept header names OpenMetrics).
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        app.MapGet("/healthz", (TimeProvider time) => Results.Json(new HealthResponse("alive", time.GetUtcNow())));
        // Reloads Engine:ModelPath and Engine:ClassifierPath together: 200 when both are accepted (they serve from the next batch), 422 with the reason when refused.
        app.MapPost("/admin/reload", async (Scoring.ModelReloader reloader, CancellationToken cancellationToken) =>
            await reloader.ReloadAsync(cancellationToken) is var result && result.Accepted ? Results.Json(result) : Results.Json(result, statusCode: StatusCodes.Status422UnprocessableEntity));
        app.MapGet("/readyz", (DetectorReadiness readiness) => Results.Json(
            new ReadinessResponse(readiness.IsReady ? "ready" : "not_ready",
                new ReadinessChecks(readiness.ConsumerAssigned, readiness.ModelLoaded, readiness.ProducerConnected)),
            statusCode: readiness.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/", () => Results.Stream(
            typeof(EndpointRouteBuilderExtensions).Assembly.GetManifestResourceStream(LivePageResource)
                ?? throw new InvalidOperationException($"Embedded resource {LivePageResource} is missing from the build."),
            "text/html; charset=utf-8"));
        app.MapGet("/api/live", (long? after, DetectorMetrics metrics, DetectorReadiness readiness, RecentAnomalies anomalies,
            LiveTimeline timeline, TimeProvider time) =>
        {
            var totals = metrics.Totals();
            return Results.Json(new LiveView(
                time.GetUtcNow(),
                readiness.IsReady,
                new LiveTotals(totals.Consumed, totals.Scored, totals.Anomalous, totals.DeadLettered, totals.Batches,
                    totals.LatencyCount == 0 ? null : totals.LatencySumSeconds / totals.LatencyCount),
                timeline.Points(),
                anomalies.Since(after ?? 0)));
        });
        return app;
    }
}
