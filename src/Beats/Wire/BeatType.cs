using EcgStream.Beats.Ecg5000;

namespace EcgStream.Beats.Wire;

/// <summary>A beat's type as the classifier predicted it: the ECG5000 class and its name.</summary>
/// <param name="Name">"Normal", "R-on-T PVC", "PVC", "SP/EB" or "Unclassified" (<see cref="BeatClassNames"/>).</param>
/// <param name="Class">The ECG5000 class number, 1..5 (as in <see cref="BeatWindow.Label"/>).</param>
public sealed record BeatType(string Name, int Class)
{
    // One instance per class: a beat type is attached to every scored beat, so these are shared, not allocated.
    private static readonly BeatType[] Instances = [.. Enumerable.Range(1, BeatClassNames.Count).Select(c => new BeatType(BeatClassNames.Name((BeatClass)c), c))];

    /// <summary>The type of <paramref name="beatClass"/>.</summary>
    public static BeatType Of(BeatClass beatClass) =>
        (int)beatClass is >= 1 and <= BeatClassNames.Count
            ? Instances[(int)beatClass - 1]
            : throw new ArgumentOutOfRangeException(nameof(beatClass), beatClass, "ECG5000 classes are 1..5");

    /// <summary>The type of the class with the highest of <paramref name="probabilities"/> (one per class, class order); the first on a tie.</summary>
    public static BeatType MostLikely(ReadOnlySpan<float> probabilities)
    {
        if (probabilities.Length != BeatClassNames.Count)
            throw new ArgumentException($"expected {BeatClassNames.Count} probabilities, got {probabilities.Length}", nameof(probabilities));
        int best = 0;
        for (int i = 1; i < probabilities.Length; i++) if (probabilities[i] > probabilities[best]) best = i;
        return Instances[best];
    }
}
