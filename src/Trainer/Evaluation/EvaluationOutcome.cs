namespace EcgStream.Trainer.Evaluation;

/// <summary>The scored beats of one split and the figures computed from them.</summary>
/// <param name="Scores">Every beat of the split with its score and decision, in data set order.</param>
/// <param name="Metrics">The figures of metrics.json.</param>
public sealed record EvaluationOutcome(IReadOnlyList<BeatScore> Scores, EvaluationMetrics Metrics);
