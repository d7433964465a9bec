using EcgStream.Beats.Ecg5000;

namespace EcgStream.Trainer.Data;

/// <summary>
/// ECG5000 classes as the classifier sees them: class c (1..5) is index c − 1 (0..4), and the names are the ones events
/// and reports use ("Normal", "R-on-T PVC", "PVC", "SP/EB", "Unclassified").
/// </summary>
public static class ClassLabels
{
    /// <summary>Number of classes, 5.</summary>
    public const int Count = BeatClassNames.Count;

    /// <summary>The class names in index order: the wire's names (<see cref="BeatClassNames"/>), so reports and events agree.</summary>
    public static IReadOnlyList<string> Names => BeatClassNames.All;

    /// <summary>The classifier's index of <paramref name="beatClass"/>: its archive number − 1.</summary>
    public static int IndexOf(BeatClass beatClass)
    {
        int index = (int)beatClass - 1;
        if ((uint)index >= Count) throw new ArgumentOutOfRangeException(nameof(beatClass), beatClass, "Not an ECG5000 class.");
        return index;
    }

    /// <summary>The class at classifier index <paramref name="index"/> (0..4).</summary>
    public static BeatClass ClassAt(int index) => BeatClassNames.OfIndex(index);

    /// <summary>The name of the class at <paramref name="index"/>.</summary>
    public static string NameAt(int index) => BeatClassNames.Name(ClassAt(index));

    /// <summary>The classifier indexes of <paramref name="beats"/>' classes, in order.</summary>
    public static int[] IndexesOf(IReadOnlyList<LabeledBeat> beats)
    {
        ArgumentNullException.ThrowIfNull(beats);
        var labels = new int[beats.Count];
        for (int i = 0; i < labels.Length; i++) labels[i] = IndexOf(beats[i].Class);
        return labels;
    }
}
