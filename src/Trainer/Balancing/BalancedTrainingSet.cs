using EcgStream.Beats.Ecg5000;

namespace EcgStream.Trainer.Balancing;

/// <summary>The training beats after balancing, and the class weights of the loss.</summary>
/// <param name="Beats">
/// The training beats the network learns from: the kept original beats first (in their order), then the synthetic ones,
/// whose <see cref="LabeledBeat.SourceFile"/> is <see cref="ClassBalancer.SyntheticSource"/>.
/// </param>
/// <param name="ClassWeights">Per-class loss weights in class-index order, or null for an unweighted loss.</param>
/// <param name="OriginalCounts">Beats of each class (index order) before balancing.</param>
/// <param name="BalancedCounts">Beats of each class (index order) after balancing.</param>
public sealed record BalancedTrainingSet(
    IReadOnlyList<LabeledBeat> Beats,
    float[]? ClassWeights,
    IReadOnlyList<int> OriginalCounts,
    IReadOnlyList<int> BalancedCounts)
{
    /// <summary>Number of synthetic beats added.</summary>
    public int SyntheticCount => Beats.Count(b => b.SourceFile == ClassBalancer.SyntheticSource);
}
