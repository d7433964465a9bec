using System.Diagnostics.Metrics;
using EcgStream.Detector.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace EcgStream.Detector.Telemetry;

/// <summary>Registers the detector's metrics, health state and live-page data.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Meter of the .NET runtime's built-in GC, thread pool, JIT and process metrics.</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>Adds <see cref="DetectorMetrics"/>, <see cref="DetectorReadiness"/>, <see cref="RecentAnomalies"/>, the live timeline,
    /// and an OpenTelemetry MeterProvider with the Prometheus exporter behind /metrics and, when Telemetry:OtlpEndpoint is set,
    /// an OTLP exporter. Every instrument on the detector's meter is exported; none is listed one by one.</summary>
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
                metrics.AddView(RenamedRuntimeInstruments);
                metrics.AddPrometheusExporter(ConfigurePrometheus);
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

    /// <summary>The exporter's settings where they differ from its defaults.</summary>
    private static void ConfigurePrometheus(PrometheusAspNetCoreOptions prometheus)
    {
        // Each scrape collects afresh: a cached response (300 ms by default) would show a test, or a fast scraper, stale counts.
        prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
        // Without this every series carries otel_scope_name and otel_scope_version labels: every series has one scope
        // (the detector's meter or the runtime's), and the dashboard, rules and their tests match series without them.
        prometheus.ScopeInfoEnabled = false;
    }

    /// <summary>Renames instruments exported as gauges whose Prometheus names would end in _count (the runtime's dotnet.timer.count,
    /// dotnet.assembly.count, dotnet.process.cpu.count) to end in _count_current: Prometheus keeps _count for histogram and
    /// summary series, and promtool check metrics rejects a gauge that uses it. A view applies to every exporter, so OTLP
    /// sends these three under the new names too.</summary>
    private static MetricStreamConfiguration? RenamedRuntimeInstruments(Instrument instrument) =>
        instrument.Name.EndsWith(".count", StringComparison.Ordinal) && IsExportedAsGauge(instrument)
            ? new MetricStreamConfiguration { Name = instrument.Name + ".current" }
            : null;

    /// <summary>True for the instrument kinds Prometheus sees as gauges: gauges and up-down counters.</summary>
    private static bool IsExportedAsGauge(Instrument instrument) =>
        instrument.GetType() is { IsGenericType: true } type
            && type.GetGenericTypeDefinition() is var kind
            && (kind == typeof(ObservableUpDownCounter<>) || kind == typeof(UpDownCounter<>) || kind == typeof(ObservableGauge<>) || kind == typeof(Gauge<>));
}
