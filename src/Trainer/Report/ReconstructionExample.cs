using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Report;

/// <summary>One beat shown with what the model made of it.</summary>
/// <param name="Score">The beat, its score and decision.</param>
/// <param name="Reconstruction">The model's reconstruction, in the beat's units.</param>
public sealed record ReconstructionExample(BeatScore Score, float[] Reconstruction);
