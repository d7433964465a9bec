using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace EcgStream.Detector.Telemetry;

/// <summary>Pull exporter behind /metrics: the SDK hands it the metrics when the reader is collected, and it keeps them as
/// Prometheus text until the scrape that asked for them reads it.</summary>
[ExportModes(ExportModes.Pull)]
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
