using EcgStream.Beats.Ecg5000;

namespace EcgStream.Trainer.Data;

/// <summary>
/// Places ECG5000's beats into train, validation and test splits for the beat classifier. Unlike the autoencoder's
/// splits (<see cref="Ecg5000Splits"/>), train and validation hold every class.
/// <list type="bullet">
/// <item><see cref="DataProtocol.Ucr"/>: the archive's own split. TRAIN (500 beats) is split into train and a stratified
/// validation slice; TEST (4500 beats) is the test split.</item>
/// <item><see cref="DataProtocol.Seed"/>: the test split is exactly the autoencoder's seed-protocol test split (1259 beats
/// with the default seed), so detector and classifier are judged on the same beats; every other beat goes to train or a
/// stratified validation slice.</item>
/// </list>
/// No beat is in two splits, and no test beat ever reaches train or validation.
/// </summary>
public static class ClassifierSplits
{
    /// <summary>Share of each class's non-test beats kept for validation under both protocols.</summary>
    public const double ValidationFraction = 0.15;

    /// <summary>Splits the beats of the TRAIN and TEST files; the same inputs and seed always give the same split.</summary>
    public static SplitDataSet Build(
        IReadOnlyList<LabeledBeat> trainFile, IReadOnlyList<LabeledBeat> testFile, DataProtocol protocol, int splitSeed = Ecg5000Splits.DefaultSplitSeed)
    {
        ArgumentNullException.ThrowIfNull(trainFile);
        ArgumentNullException.ThrowIfNull(testFile);
        var assigned = new Dictionary<LabeledBeat, DataSplit>(ReferenceEqualityComparer.Instance);
        List<LabeledBeat> learnable;
        switch (protocol)
        {
            case DataProtocol.Ucr:
                foreach (var beat in testFile) assigned[beat] = DataSplit.Test;
                learnable = [.. trainFile];
                break;
            case DataProtocol.Seed:
                // The autoencoder's split decides the test beats, so both models are measured on the very same beats.
                var autoencoder = Ecg5000Splits.Build(trainFile, testFile, DataProtocol.Seed, splitSeed);
                learnable = [];
                foreach (var split in autoencoder.Beats)
                {
                    if (split.Split == DataSplit.Test) assigned[split.Beat] = DataSplit.Test;
                    else learnable.Add(split.Beat);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown protocol.");
        }

        // Stratified: each class gives the same share to validation. A different seed stream from the autoencoder split's,
        // so the validation slice does not mirror its shuffle order.
        var random = new Random(unchecked(splitSeed * 31 + 17));
        foreach (var group in learnable.GroupBy(b => b.Class).OrderBy(g => g.Key))
        {
            var members = group.ToList();
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members));
            int validation = ValidationCount(members.Count);
            for (int i = 0; i < members.Count; i++) assigned[members[i]] = i < validation ? DataSplit.Validation : DataSplit.Train;
        }

        // Data set order (TRAIN rows, then TEST rows), as Ecg5000Splits keeps it.
        var beats = trainFile.Concat(testFile).Select(b => new SplitBeat(b, assigned[b])).ToList();
        return new SplitDataSet(protocol, splitSeed, beats);
    }

    /// <summary>
    /// How many of a class's <paramref name="members"/> go to validation: round(<see cref="ValidationFraction"/> · n), but
    /// never the last one, so a class with a single beat trains on it. The UCR TRAIN file's 2 UB beats give
    /// round(0.3) = 0: both train, and the UCR validation split has no UB beat (its macro figures average over the classes
    /// present).
    /// </summary>
    public static int ValidationCount(int members) =>
        Math.Min(Math.Max(0, members - 1), (int)Math.Round(members * ValidationFraction, MidpointRounding.AwayFromZero));
}
