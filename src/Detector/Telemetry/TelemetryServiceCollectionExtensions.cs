using EcgStream.Detector.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace EcgStream.Detector.Telemetry;

/// <summary>Registers the detector's metrics, health state and live-page data.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Meter of the .NET runtime's built-in GC, thread pool, JIT and process metrics.</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>Adds <see cref="DetectorMetrics"/>, <see cref="DetectorReadiness"/>, <see cref="RecentAnomalies"/>, the live timeline,
    /// and an OpenTelemetry MeterProvider with the /metrics reader and, when Telemetry:OtlpEndpoint is set, an OTLP exporter.</summary>
    public static IServiceCollection AddDetectorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>()
            .BindConfiguration(TelemetryOptions.SectionName)
            .Validate(o => o.RecentAnomalyCapacity is >= 1 and <= 1000, "Telemetry:RecentAnomalyCapacity must be 1..1000")
            .Validate(o => o.LiveSampleInterval > TimeSpan.Zero && o.LiveHistory >= o.LiveSampleInterval,
                "Telemetry:LiveSampleInterval must be positive and no longer than Telemetry:LiveHistory")
            .Validate(o => o.OtlpExportInterval > TimeSpan.Zero, "Telemetry:OtlpExportInterval must be positive")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DetectorMetrics>();
        services.AddSingleton<DetectorReadiness>();
        services.AddSingleton(sp => new RecentAnomalies(sp.GetRequiredService<IOptions<TelemetryOptions>>().Value.RecentAnomalyCapacity));
        services.AddSingleton<PrometheusScrapeReader>();
        services.AddSingleton<LiveTimeline>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveTimeline>());

        // The builder callbacks run before the container exists, so the exporter choices are read from configuration here.
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ecgstream-detector"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(DetectorMetrics.MeterName);
                if (options.RuntimeMetrics) metrics.AddMeter(RuntimeMeterName);
                metrics.AddReader(sp => sp.GetRequiredService<PrometheusScrapeReader>());
                if (options.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = endpoint;
                        exporter.Protocol = options.OtlpProtocol;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpExportInterval.TotalMilliseconds;
                    });
                }
            });
        return services;
    }
}
