using EcgStream.Beats.Ecg5000;

namespace EcgStream.Trainer.Data;

/// <summary>
/// Stratified k-fold assignment: each class's beats are shuffled and dealt to the folds in turn, so every fold holds
/// ⌊n_c / k⌋ or ⌈n_c / k⌉ beats of class c (a class with fewer beats than folds is missing from some folds).
/// Deterministic for a seed.
/// </summary>
public static class StratifiedFolds
{
    /// <summary>The fold (0 .. <paramref name="folds"/> − 1) of each of <paramref name="beats"/>, in their order.</summary>
    public static int[] Assign(IReadOnlyList<LabeledBeat> beats, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(beats);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var fold = new int[beats.Count];
        var random = new Random(seed);
        foreach (var group in Enumerable.Range(0, beats.Count).GroupBy(i => beats[i].Class).OrderBy(g => g.Key))
        {
            int[] members = [.. group];
            random.Shuffle(members);
            for (int j = 0; j < members.Length; j++) fold[members[j]] = j % folds;
        }
        return fold;
    }
}
