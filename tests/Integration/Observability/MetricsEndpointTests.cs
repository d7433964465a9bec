using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EcgStream.Detector.Telemetry;
using EcgStream.Detector.Web;
using EcgStream.Integration.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcgStream.Integration.Observability;

[Collection(ObservabilityCollection.Name)]
public sealed class MetricsEndpointTests
{
    [SystemToolFact(Promtool.Path)]
    public async Task Metrics_PassesPromtoolCheck_OnLiveScrapeOfRunningDetector()
    {
        var beats = SyntheticTestBeats.Create(200, patients: 4);
        await using var detector = await RunningDetector.StartAsync(beats);
        await detector.SendAsync(beats, beatsPerSecond: 1000);
        detector.ReceiveDecisions(beats.Count, TimeSpan.FromSeconds(20));
        using var http = new HttpClient { BaseAddress = detector.BaseAddress };

        // The consumer measures its lag once a second, so a fast run can be over before the first measurement: wait for it.
        HttpResponseMessage response;
        string scrape;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(200))
        {
            response = await http.GetAsync("/metrics");
            scrape = await response.Content.ReadAsStringAsync();
            if (scrape.Contains("# TYPE ecgstream_consumer_lag ") || DateTime.UtcNow > deadline) break;
            response.Dispose();
        }
        using var _ = response;
        var (exitCode, output) = await Promtool.RunAsync(["check", "metrics"], scrape);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(response.Content.Headers.ContentType.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        Assert.True(exitCode == 0 && output.Trim().Length == 0, $"promtool check metrics exited {exitCode}:\n{output}");
        Assert.Matches(Sample("ecgstream_beats_scored_total", 200), scrape);
        foreach (string family in new[]
        {
            "ecgstream_beats_consumed_total", "ecgstream_beats_anomalous_total", "ecgstream_batches_total", "ecgstream_batch_size",
            "ecgstream_inference_duration_seconds", "ecgstream_queue_wait_seconds", "ecgstream_end_to_end_latency_seconds",
            "ecgstream_channel_depth", "ecgstream_consumer_lag", "ecgstream_engine_info", "ecgstream_model_threshold",
            "dotnet_gc_collections_total", "dotnet_process_cpu_time_seconds_total",
        })
        {
            Assert.Contains("# TYPE " + family + " ", scrape);
        }
        // Patient and beat ids are unbounded: they never become label values.
        Assert.DoesNotContain("patient-", scrape);
        Assert.DoesNotContain("beat-", scrape);
    }

    [SystemToolFact(Promtool.Path)]
    public async Task Metrics_PassesPromtoolCheck_WithEveryFamilyAndEscapedLabels()
    {
        await using var host = await TelemetryHost.StartAsync();
        TelemetryHost.RecordEveryKind(host.Metrics);
        host.Metrics.RecordDeadLettered("odd \"reason\"\\with\nnewline");
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        string scrape = await http.GetStringAsync("/metrics");
        var (exitCode, output) = await Promtool.RunAsync(["check", "metrics"], scrape);

        Assert.True(exitCode == 0 && output.Trim().Length == 0, $"promtool check metrics exited {exitCode}:\n{output}");
        Assert.Contains("# TYPE ecgstream_producer_errors_total counter\n", scrape);
        Assert.Contains("# TYPE ecgstream_beats_dead_lettered_total counter\n", scrape);
    }

    [Fact]
    public async Task Metrics_ReportsRecordedValues_WithTheirLabels()
    {
        await using var host = await TelemetryHost.StartAsync();
        TelemetryHost.RecordEveryKind(host.Metrics);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        string scrape = await http.GetStringAsync("/metrics");

        Assert.Matches(Sample("ecgstream_beats_scored_total", 64), scrape);
        Assert.Contains("ecgstream_beats_dead_lettered_total{reason=\"invalid_json\"} 2\n", scrape);
        Assert.Contains("ecgstream_consumer_lag{partition=\"2\",topic=\"ecg.beats\"} 17\n", scrape);
        Assert.Contains("ecgstream_engine_info{architecture=\"lstm-ae\",device=\"cpu\",engine=\"cpu-avx512\",model_version=\"ecg5000-seed-1\"} 1\n", scrape);
        Assert.Contains("ecgstream_batch_size_bucket{le=\"64\"} 1\n", scrape);
        Assert.Matches(Sample("ecgstream_end_to_end_latency_seconds_count", 64), scrape);
    }

    [Fact]
    public async Task Metrics_ExportsAnInstrumentAddedToTheDetectorMeter_WithoutRegisteringIt()
    {
        await using var host = await TelemetryHost.StartAsync();
        // The factory hands out the meter DetectorMetrics owns (same name): a new instrument there needs no wiring of its own.
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create(DetectorMetrics.MeterName);
        meter.CreateCounter<long>("ecgstream.test.added", "{beat}", "Added by a test.").Add(3, new KeyValuePair<string, object?>("type", "PVC"));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        string scrape = await http.GetStringAsync("/metrics");

        Assert.Contains("ecgstream_test_added_total{type=\"PVC\"} 3\n", scrape);
    }

    /// <summary>A line of an unlabelled series with its value; the exporter writes such a series with empty braces ("name{} 64"),
    /// which the text format allows, so both spellings match.</summary>
    private static string Sample(string series, long value) => $"(?m)^{series}(\\{{\\}})? {value}$";

    [Fact]
    public async Task Readyz_Returns503WithFailingChecks_UntilAllPass()
    {
        await using var host = await TelemetryHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        host.Readiness.ModelLoaded = true;
        host.Readiness.ProducerConnected = true;

        using var before = await http.GetAsync("/readyz");
        var beforeBody = await before.Content.ReadFromJsonAsync<JsonElement>();
        host.Readiness.ConsumerAssigned = true;
        using var after = await http.GetAsync("/readyz");
        var afterBody = await after.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal("not_ready", beforeBody.GetProperty("status").GetString());
        Assert.False(beforeBody.GetProperty("checks").GetProperty("consumerAssigned").GetBoolean());
        Assert.True(beforeBody.GetProperty("checks").GetProperty("modelLoaded").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("ready", afterBody.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_ReturnsAlive_EvenWhenNotReady()
    {
        await using var host = await TelemetryHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync("/healthz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alive", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RunDetectorAsync_WritesOneClearLine_WhenPortIsTaken()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddDetectorTelemetry(builder.Configuration);
        await using var app = builder.Build();
        app.MapDetectorEndpoints();
        var error = new StringWriter();

        int exitCode = await app.RunDetectorAsync(error);

        string[] lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(WebApplicationRunExtensions.AddressInUseExitCode, exitCode);
        var line = Assert.Single(lines);
        Assert.Contains($"cannot listen on http://127.0.0.1:{port}", line);
        Assert.Contains("--urls", line);
    }
}
