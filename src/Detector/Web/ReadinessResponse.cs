namespace EcgStream.Detector.Web;

/// <summary>Body of /readyz.</summary>
/// <param name="Status">"ready" (HTTP 200) or "not_ready" (HTTP 503).</param>
/// <param name="Checks">Each condition of readiness.</param>
public sealed record ReadinessResponse(string Status, ReadinessChecks Checks);
