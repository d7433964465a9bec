namespace EcgStream.Detector.Pipeline;

/// <summary>The scorer's verdict on one message of a batch.</summary>
/// <param name="Score">The beat's reconstruction error; NaN for a message that is not a valid beat.</param>
/// <param name="IsAnomaly">True when <paramref name="Score"/> is above the threshold of the model that scored the batch.</param>
public readonly record struct BeatDecision(float Score, bool IsAnomaly);
