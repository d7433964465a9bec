using OpenTelemetry.Exporter;

namespace EcgStream.Detector.Telemetry;

/// <summary>How the detector exports telemetry. Configuration section "Telemetry".</summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section bound to this class.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>OTLP endpoint (e.g. http://otel-collector:4317) to push metrics to as well; null turns OTLP export off. Default null.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>OTLP transport: Grpc (port 4317) or HttpProtobuf (port 4318). Default Grpc.</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>How often metrics are pushed over OTLP. Default 10 seconds.</summary>
    public TimeSpan OtlpExportInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether /metrics includes the .NET runtime and process metrics (GC, threads, CPU time, working set). Default true.</summary>
    public bool RuntimeMetrics { get; set; } = true;

    /// <summary>How many recent anomalies the live page keeps. Default <see cref="RecentAnomalies.DefaultCapacity"/>.</summary>
    public int RecentAnomalyCapacity { get; set; } = RecentAnomalies.DefaultCapacity;

    /// <summary>How far back the live page's charts go. Default 5 minutes.</summary>
    public TimeSpan LiveHistory { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Interval between two points of the live page's charts. Default 1 second.</summary>
    public TimeSpan LiveSampleInterval { get; set; } = TimeSpan.FromSeconds(1);
}
