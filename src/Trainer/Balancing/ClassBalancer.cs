using EcgStream.Beats.Ecg5000;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Balancing;

/// <summary>
/// Balances a classifier's training split by a <see cref="ClassBalance"/>. It is handed the training beats only, after the
/// data is split, so no validation or test beat can leak into a synthetic one; it never changes a beat it is given.
/// Deterministic: the same beats, balance and seed give the same result.
/// </summary>
public static class ClassBalancer
{
    /// <summary>The source-file name of synthetic beats.</summary>
    public const string SyntheticSource = "smote";

    /// <summary>Balances <paramref name="trainBeats"/>; <paramref name="seed"/> drives the draws of SMOTE and undersampling.</summary>
    public static BalancedTrainingSet Balance(IReadOnlyList<LabeledBeat> trainBeats, ClassBalance balance, int seed, int neighbours = Smote.DefaultNeighbours)
    {
        ArgumentNullException.ThrowIfNull(trainBeats);
        if (trainBeats.Count == 0) throw new ArgumentException("No training beats.", nameof(trainBeats));
        var byClass = Enumerable.Range(0, ClassLabels.Count).Select(_ => new List<LabeledBeat>()).ToArray();
        foreach (var beat in trainBeats) byClass[ClassLabels.IndexOf(beat.Class)].Add(beat);
        int[] original = byClass.Select(c => c.Count).ToArray();

        switch (balance)
        {
            case ClassBalance.None:
                return new BalancedTrainingSet(trainBeats, null, original, original);
            case ClassBalance.ClassWeights:
                return new BalancedTrainingSet(trainBeats, InverseFrequencyWeights(original), original, original);
            case ClassBalance.Smote:
                return Resample(trainBeats, byClass, original, target: original.Max(), seed, neighbours);
            case ClassBalance.SmoteUndersample:
                // The second largest class sets the size: Normal is cut down to it, the rare classes are raised to it.
                int second = original.OrderByDescending(c => c).Skip(1).FirstOrDefault();
                return Resample(trainBeats, byClass, original, target: Math.Max(1, second), seed, neighbours);
            default:
                throw new ArgumentOutOfRangeException(nameof(balance), balance, "Unknown balance.");
        }
    }

    /// <summary>
    /// Inverse-frequency weights, n / (k · n_c) for each class c present (k classes present, n beats); the mean weight over
    /// the training beats is then exactly 1, so the loss keeps its scale. A class with no training beats gets 1: no beat
    /// carries it, and the trainer takes positive weights only.
    /// </summary>
    public static float[] InverseFrequencyWeights(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int present = counts.Count(c => c > 0);
        long total = counts.Sum(c => (long)c);
        if (present == 0) throw new ArgumentException("No class has a beat.", nameof(counts));
        return counts.Select(c => c == 0 ? 1f : (float)((double)total / (present * (double)c))).ToArray();
    }

    private static BalancedTrainingSet Resample(
        IReadOnlyList<LabeledBeat> trainBeats, List<LabeledBeat>[] byClass, int[] original, int target, int seed, int neighbours)
    {
        var random = new Random(seed);
        var smote = new Smote(neighbours);

        // Undersampling keeps a random subset of each class above the target, in the beats' original order.
        var kept = new HashSet<LabeledBeat>(ReferenceEqualityComparer.Instance);
        foreach (var members in byClass)
        {
            if (members.Count <= target) { kept.UnionWith(members); continue; }
            var indexes = Enumerable.Range(0, members.Count).ToArray();
            random.Shuffle(indexes);
            kept.UnionWith(indexes.Take(target).Select(i => members[i]));
        }
        var beats = trainBeats.Where(kept.Contains).ToList();

        // Classes in index order, each drawing from the one generator: the result depends on the seed alone.
        int syntheticRow = 0;
        var balanced = new int[original.Length];
        for (int c = 0; c < byClass.Length; c++)
        {
            var members = byClass[c];
            int missing = Math.Max(0, target - members.Count);
            var synthetic = smote.Synthesize(members.Select(b => b.Samples).ToList(), missing, random);
            foreach (var samples in synthetic) beats.Add(new LabeledBeat(ClassLabels.ClassAt(c), samples, SyntheticSource, syntheticRow++));
            balanced[c] = Math.Min(members.Count, target) + synthetic.Count;
        }
        return new BalancedTrainingSet(beats, null, original, balanced);
    }
}
