using EcgStream.Beats.Ecg5000;

namespace EcgStream.Trainer.Data;

/// <summary>Places ECG5000's beats into train, validation and test splits by a <see cref="DataProtocol"/>.</summary>
public static class Ecg5000Splits
{
    /// <summary>Seed of the split shuffles. Fixed, so every model trained on a protocol is judged on the same test beats.</summary>
    public const int DefaultSplitSeed = 5000;

    /// <summary>Share of the normal beats that trains under <see cref="DataProtocol.Seed"/>.</summary>
    public const double SeedTrainFraction = 0.85;

    /// <summary>Share of the normal beats in validation under <see cref="DataProtocol.Seed"/> (the rest, 7.5 %, is test).</summary>
    public const double SeedValidationFraction = 0.075;

    /// <summary>Share of TRAIN's normal beats kept for validation under <see cref="DataProtocol.Ucr"/>.</summary>
    public const double UcrValidationFraction = 0.15;

    /// <summary>Splits the beats of the TRAIN and TEST files; the same inputs and seed always give the same split.</summary>
    public static SplitDataSet Build(
        IReadOnlyList<LabeledBeat> trainFile, IReadOnlyList<LabeledBeat> testFile, DataProtocol protocol, int splitSeed = DefaultSplitSeed)
    {
        ArgumentNullException.ThrowIfNull(trainFile);
        ArgumentNullException.ThrowIfNull(testFile);
        var assigned = protocol switch
        {
            DataProtocol.Seed => SplitSeedProtocol([.. trainFile, .. testFile], splitSeed),
            DataProtocol.Ucr => SplitUcrProtocol(trainFile, testFile, splitSeed),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown protocol."),
        };

        // Data set order (TRAIN rows, then TEST rows) rather than shuffle order, so listings and score files read naturally.
        var beats = trainFile.Concat(testFile).Select(b => new SplitBeat(b, assigned[b])).ToList();
        return new SplitDataSet(protocol, splitSeed, beats);
    }

    private static Dictionary<LabeledBeat, DataSplit> SplitSeedProtocol(IReadOnlyList<LabeledBeat> pooled, int splitSeed)
    {
        var assigned = new Dictionary<LabeledBeat, DataSplit>(ReferenceEqualityComparer.Instance);
        var random = new Random(splitSeed);
        var normal = Shuffled(pooled.Where(b => !b.IsAnomaly), random);
        int trainCount = (int)Math.Round(normal.Count * SeedTrainFraction);
        int validationCount = (int)Math.Round(normal.Count * SeedValidationFraction);
        for (int i = 0; i < normal.Count; i++)
        {
            assigned[normal[i]] = i < trainCount ? DataSplit.Train : i < trainCount + validationCount ? DataSplit.Validation : DataSplit.Test;
        }

        // Stratified: each anomaly class is halved on its own, so rare classes (UB has 24 beats) appear in both splits.
        foreach (var group in pooled.Where(b => b.IsAnomaly).GroupBy(b => b.Class).OrderBy(g => g.Key))
        {
            var members = Shuffled(group, random);
            int validation = (members.Count + 1) / 2;
            for (int i = 0; i < members.Count; i++) assigned[members[i]] = i < validation ? DataSplit.Validation : DataSplit.Test;
        }
        return assigned;
    }

    private static Dictionary<LabeledBeat, DataSplit> SplitUcrProtocol(
        IReadOnlyList<LabeledBeat> trainFile, IReadOnlyList<LabeledBeat> testFile, int splitSeed)
    {
        var assigned = new Dictionary<LabeledBeat, DataSplit>(ReferenceEqualityComparer.Instance);
        var normal = Shuffled(trainFile.Where(b => !b.IsAnomaly), new Random(splitSeed));
        int validationCount = Math.Max(1, (int)Math.Round(normal.Count * UcrValidationFraction));
        for (int i = 0; i < normal.Count; i++) assigned[normal[i]] = i < validationCount ? DataSplit.Validation : DataSplit.Train;

        // The UCR protocol learns from TRAIN's normal beats only and its validation slice is a slice of those,
        // so TRAIN's anomalous beats take part in nothing.
        foreach (var beat in trainFile.Where(b => b.IsAnomaly)) assigned[beat] = DataSplit.Unused;
        foreach (var beat in testFile) assigned[beat] = DataSplit.Test;
        return assigned;
    }

    private static List<LabeledBeat> Shuffled(IEnumerable<LabeledBeat> beats, Random random)
    {
        var list = beats.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}
