namespace EcgStream.Trainer.Evaluation;

/// <summary>A classifier's evaluation on one split: the figures and every beat's prediction.</summary>
/// <param name="Metrics">The figures, as written to the metrics JSON.</param>
/// <param name="Predictions">Every evaluated beat with its predicted class and probabilities, in data set order.</param>
public sealed record ClassificationOutcome(ClassificationMetrics Metrics, IReadOnlyList<BeatPrediction> Predictions);
