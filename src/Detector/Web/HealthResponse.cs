namespace EcgStream.Detector.Web;

/// <summary>Body of /healthz: the process is up and serving HTTP.</summary>
/// <param name="Status">Always "alive".</param>
/// <param name="Time">Server time.</param>
public sealed record HealthResponse(string Status, DateTimeOffset Time);
