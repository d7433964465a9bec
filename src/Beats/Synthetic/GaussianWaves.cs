namespace EcgStream.Beats.Synthetic;

/// <summary>
/// The fixed basis the beat shapes are written in: <see cref="FittedBeatShapes.WaveCount"/> Gaussian waves with centres
/// spread evenly from the first to the last sample and one width, curve(t) = Σₖ aₖ·exp(−½((t − cₖ)/w)²).
/// </summary>
public static class GaussianWaves
{
    /// <summary>Samples per beat window, as in ECG5000.</summary>
    public const int SampleCount = 140;

    // [sample, wave] row-major: the basis evaluated once, because every beat draws from the same one.
    private static readonly double[] Basis = CreateBasis();

    /// <summary>Adds the curve of wave amplitudes <paramref name="amplitudes"/>, times <paramref name="scale"/>, to <paramref name="curve"/>.</summary>
    public static void Add(ReadOnlySpan<double> amplitudes, double scale, Span<double> curve)
    {
        if (amplitudes.Length != FittedBeatShapes.WaveCount) throw new ArgumentException($"expected {FittedBeatShapes.WaveCount} amplitudes", nameof(amplitudes));
        if (curve.Length != SampleCount) throw new ArgumentException($"expected {SampleCount} samples", nameof(curve));
        for (int t = 0; t < SampleCount; t++)
        {
            var row = Basis.AsSpan(t * amplitudes.Length, amplitudes.Length);
            double sum = 0;
            for (int k = 0; k < row.Length; k++) sum += amplitudes[k] * row[k];
            curve[t] += scale * sum;
        }
    }

    private static double[] CreateBasis()
    {
        var basis = new double[SampleCount * FittedBeatShapes.WaveCount];
        double spacing = (SampleCount - 1) / (double)(FittedBeatShapes.WaveCount - 1);
        for (int t = 0; t < SampleCount; t++)
            for (int k = 0; k < FittedBeatShapes.WaveCount; k++)
            {
                double z = (t - k * spacing) / FittedBeatShapes.WaveWidthSamples;
                basis[t * FittedBeatShapes.WaveCount + k] = Math.Exp(-0.5 * z * z);
            }
        return basis;
    }
}
