using EcgStream.Detector.Telemetry;
using EcgStream.Detector.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcgStream.Integration.Observability;

/// <summary>A web host with exactly the detector's telemetry services and endpoints, on a free loopback port.</summary>
internal sealed class TelemetryHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TelemetryHost(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Urls.Single());
    }

    /// <summary>Root address, e.g. http://127.0.0.1:40123.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The host's metrics, as the detector's stages record them.</summary>
    public DetectorMetrics Metrics => _app.Services.GetRequiredService<DetectorMetrics>();

    /// <summary>The host's readiness flags.</summary>
    public DetectorReadiness Readiness => _app.Services.GetRequiredService<DetectorReadiness>();

    /// <summary>The host's recent anomalies.</summary>
    public RecentAnomalies Anomalies => _app.Services.GetRequiredService<RecentAnomalies>();

    /// <summary>Starts the host on http://127.0.0.1 with a port the OS picks.</summary>
    public static async Task<TelemetryHost> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDetectorTelemetry(builder.Configuration);
        var app = builder.Build();
        app.MapDetectorEndpoints();
        await app.StartAsync();
        return new TelemetryHost(app);
    }

    /// <summary>Records one of everything, as a running detector would after a batch of 64 beats: every family then has samples.</summary>
    public static void RecordEveryKind(DetectorMetrics metrics)
    {
        metrics.RecordConsumed(66);
        metrics.RecordDeadLettered("invalid_json");
        metrics.RecordDeadLettered("invalid_json");
        metrics.RecordBatch(64, TimeSpan.FromMilliseconds(9));
        metrics.RecordAnomalous(3);
        metrics.EnableBeatTypes();
        metrics.RecordAnomalyType(Beats.Wire.BeatType.Of(Beats.Ecg5000.BeatClass.Pvc));
        metrics.RecordProducerError("Local_MsgTimedOut");
        for (int i = 0; i < 64; i++)
        {
            metrics.RecordQueueWait(TimeSpan.FromMilliseconds(1));
            metrics.RecordEndToEndLatency(TimeSpan.FromMilliseconds(12));
        }
        metrics.ObserveChannelDepth("beats", () => 5);
        metrics.SetConsumerLag("ecg.beats", 2, 17);
        metrics.SetEngine("cpu", "cpu-avx512", "ecg5000-seed-1", "lstm-ae");
        metrics.SetThreshold(26.5);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
