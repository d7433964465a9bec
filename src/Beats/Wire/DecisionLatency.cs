namespace EcgStream.Beats.Wire;

/// <summary>How long a beat took through the detector, in milliseconds.</summary>
/// <param name="QueueMs">From the detector consuming the message to its batch entering the engine.</param>
/// <param name="InferenceMs">Time the engine took for the beat's whole batch (the autoencoder and, when configured, the classifier).</param>
/// <param name="EndToEndMs">From the beat's ingest timestamp to the decision being handed to the producer.</param>
public sealed record DecisionLatency(double QueueMs, double InferenceMs, double EndToEndMs);
