namespace EcgStream.Beats.Ecg5000;

/// <summary>
/// The names of ECG5000's classes as they appear on the wire, in metrics and in reports: "Normal", "R-on-T PVC", "PVC",
/// "SP/EB", "Unclassified". A classifier's output index i (0..4) is class i + 1.
/// </summary>
public static class BeatClassNames
{
    /// <summary>Number of ECG5000 classes.</summary>
    public const int Count = 5;

    /// <summary>The five names, in class order (index 0 is class 1, Normal).</summary>
    public static IReadOnlyList<string> All { get; } = ["Normal", "R-on-T PVC", "PVC", "SP/EB", "Unclassified"];

    /// <summary>The name of <paramref name="beatClass"/>; throws for a value outside 1..5.</summary>
    public static string Name(BeatClass beatClass) =>
        (int)beatClass is >= 1 and <= Count
            ? All[(int)beatClass - 1]
            : throw new ArgumentOutOfRangeException(nameof(beatClass), beatClass, "ECG5000 classes are 1..5");

    /// <summary>The class of output index <paramref name="index"/> (0..4) of a classifier.</summary>
    public static BeatClass OfIndex(int index) =>
        index is >= 0 and < Count ? (BeatClass)(index + 1) : throw new ArgumentOutOfRangeException(nameof(index), index, "class indexes are 0..4");
}
