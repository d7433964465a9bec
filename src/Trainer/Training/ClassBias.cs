namespace EcgStream.Trainer.Training;

/// <summary>What <see cref="ClassBiasTuning"/> chose.</summary>
/// <param name="Offsets">One offset per class, added to the output layer's bias (class 0's is always 0).</param>
/// <param name="HeldOutMacroF1Before">Macro-F1 of the held-out predictions as the network made them.</param>
/// <param name="HeldOutMacroF1After">Macro-F1 of the same predictions with the offsets (fitted on them, so optimistic).</param>
public sealed record ClassBias(IReadOnlyList<double> Offsets, double HeldOutMacroF1Before, double HeldOutMacroF1After);
