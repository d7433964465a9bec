namespace EcgStream.Trainer.Evaluation;

/// <summary>How a classifier did on one class.</summary>
/// <param name="Label">The archive's class number, 1..5.</param>
/// <param name="Name">The class name, e.g. "R-on-T PVC".</param>
/// <param name="Support">Beats of this class evaluated.</param>
/// <param name="Predicted">Beats predicted as this class.</param>
/// <param name="Correct">Beats of this class predicted as this class.</param>
/// <param name="Precision">Correct / Predicted; 0 when nothing was predicted as this class.</param>
/// <param name="Recall">Correct / Support; 0 when the class has no beats.</param>
/// <param name="F1">Harmonic mean of precision and recall; 0 when both are 0.</param>
public sealed record ClassFigures(int Label, string Name, int Support, int Predicted, int Correct, double Precision, double Recall, double F1);
