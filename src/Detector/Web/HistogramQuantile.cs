namespace EcgStream.Detector.Web;

/// <summary>Quantile of a bucketed distribution, estimated as Prometheus's histogram_quantile does: find the bucket that holds
/// the rank, then interpolate linearly between its lower and upper bound.</summary>
public static class HistogramQuantile
{
    /// <summary>Estimates quantile <paramref name="q"/> (0..1) from per-bucket counts (not cumulative). <paramref name="counts"/> has one
    /// element per bound plus a last overflow bucket; ranks in the overflow bucket return the largest bound. NaN when empty.</summary>
    public static double Estimate(double q, IReadOnlyList<double> upperBounds, IReadOnlyList<long> counts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (counts.Count != upperBounds.Count + 1)
            throw new ArgumentException("counts needs one element per bound plus an overflow bucket.", nameof(counts));
        long total = counts.Sum();
        if (total == 0) return double.NaN;

        double rank = q * total;
        long below = 0;
        for (int i = 0; i < upperBounds.Count; i++)
        {
            long inBucket = counts[i];
            if (below + inBucket >= rank && inBucket > 0)
            {
                double lower = i == 0 ? 0 : upperBounds[i - 1];
                return lower + (upperBounds[i] - lower) * ((rank - below) / inBucket);
            }
            below += inBucket;
        }
        return upperBounds[^1];
    }
}
