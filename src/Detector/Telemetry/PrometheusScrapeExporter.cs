using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace EcgStream.Detector.Telemetry;

/// <summary>Exporter behind /metrics: the SDK hands it the metrics when <see cref="PrometheusScrapeReader"/> is collected, and it keeps
/// them as Prometheus text until the scrape that asked for them reads it. It keeps the SDK's default "push" mode because the SDK
/// lets only its own exporters collect in pull mode; nothing pushes on a timer, as the reader has none.</summary>
public sealed class PrometheusScrapeExporter : BaseExporter<Metric>
{
    /// <summary>Text of the latest collection; written on the collecting thread and read by it right after.</summary>
    private string _latest = string.Empty;

    /// <summary>Prometheus text of the latest collection.</summary>
    public string Latest => Volatile.Read(ref _latest);

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Metric> batch)
    {
        Volatile.Write(ref _latest, PrometheusTextWriter.Write(batch));
        return ExportResult.Success;
    }
}
