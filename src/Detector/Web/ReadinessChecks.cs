namespace EcgStream.Detector.Web;

/// <summary>The conditions /readyz checks.</summary>
/// <param name="ConsumerAssigned">The consumer holds at least one partition.</param>
/// <param name="ModelLoaded">The model is loaded.</param>
/// <param name="ProducerConnected">The producer is connected to the brokers.</param>
public sealed record ReadinessChecks(bool ConsumerAssigned, bool ModelLoaded, bool ProducerConnected);
