namespace EcgStream.Tools;

/// <summary>Nearest-rank percentiles of measured latencies.</summary>
public static class Percentile
{
    /// <summary>The smallest value with at least <paramref name="p"/> (0..1] of <paramref name="sorted"/> at or below it; NaN when empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
