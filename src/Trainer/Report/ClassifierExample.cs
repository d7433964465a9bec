using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Report;

/// <summary>One beat shown in the classifier report with what the classifier made of it.</summary>
/// <param name="Prediction">The beat, its true class, predicted class and probabilities.</param>
/// <param name="Kind">Why it was picked: "typical" (the correct beat of median confidence in its class) or "mistake" (the most confident error of its class).</param>
public sealed record ClassifierExample(BeatPrediction Prediction, string Kind);
