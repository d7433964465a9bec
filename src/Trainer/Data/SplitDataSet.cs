using EcgStream.Beats.Ecg5000;

namespace EcgStream.Trainer.Data;

/// <summary>Every beat of ECG5000 placed in a split by a protocol, in a fixed order (file, then row).</summary>
public sealed class SplitDataSet
{
    /// <summary>Wraps <paramref name="beats"/>; the order given is kept.</summary>
    public SplitDataSet(DataProtocol protocol, int splitSeed, IReadOnlyList<SplitBeat> beats)
    {
        Protocol = protocol;
        SplitSeed = splitSeed;
        Beats = beats;
    }

    /// <summary>The protocol that made the split.</summary>
    public DataProtocol Protocol { get; }

    /// <summary>Seed of the shuffles that made the split.</summary>
    public int SplitSeed { get; }

    /// <summary>Every beat with its split.</summary>
    public IReadOnlyList<SplitBeat> Beats { get; }

    /// <summary>The beats of one split, in data set order.</summary>
    public IReadOnlyList<LabeledBeat> In(DataSplit split) => Beats.Where(b => b.Split == split).Select(b => b.Beat).ToList();

    /// <summary>The normal beats of one split, in data set order.</summary>
    public IReadOnlyList<LabeledBeat> NormalIn(DataSplit split) => In(split).Where(b => !b.IsAnomaly).ToList();

    /// <summary>Number of beats of <paramref name="beatClass"/> in <paramref name="split"/>.</summary>
    public int Count(DataSplit split, BeatClass beatClass) => Beats.Count(b => b.Split == split && b.Beat.Class == beatClass);
}
