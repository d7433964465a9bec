namespace EcgStream.Trainer.Evaluation;

/// <summary>A chosen anomaly threshold: a beat is an anomaly when its score is above <see cref="Value"/>.</summary>
/// <param name="Value">The threshold on the reconstruction error.</param>
/// <param name="Method">How it was chosen, as stored in the model file, e.g. "max-f1-validation" or "p99-normal-validation".</param>
public sealed record Threshold(float Value, string Method);
