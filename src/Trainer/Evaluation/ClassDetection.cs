namespace EcgStream.Trainer.Evaluation;

/// <summary>How one ECG5000 class fared: for anomaly classes the share flagged, for the normal class the share passed.</summary>
/// <param name="Label">The class number, 1..5.</param>
/// <param name="Name">The class name, e.g. "R-on-T PVC".</param>
/// <param name="Beats">Beats of this class that were evaluated.</param>
/// <param name="Correct">Of those, flagged (anomaly classes) or passed (normal).</param>
/// <param name="Rate">Correct / Beats; 0 when there are none.</param>
public sealed record ClassDetection(int Label, string Name, int Beats, int Correct, double Rate);
