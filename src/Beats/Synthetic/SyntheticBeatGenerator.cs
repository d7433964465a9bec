using EcgStream.Beats.Ecg5000;

namespace EcgStream.Beats.Synthetic;

/// <summary>
/// Draws beats that look like ECG5000's classes from <see cref="FittedBeatShapes"/>: the same seed gives the same beats
/// in the same order. Not thread-safe: one generator per producer.
/// </summary>
public sealed class SyntheticBeatGenerator
{
    // Mode weights beyond ±3 standard deviations would draw shapes no class has.
    private const double MaxModeWeight = 3;

    private readonly Random _random;
    private readonly double[] _curve = new double[GaussianWaves.SampleCount];
    private readonly double[] _amplitudes = new double[FittedBeatShapes.WaveCount];

    /// <summary>Creates a generator whose beats are fixed by <paramref name="seed"/>.</summary>
    public SyntheticBeatGenerator(int seed) => _random = new Random(seed);

    /// <summary>
    /// Picks a class: anomalous with probability <paramref name="anomalyFraction"/>, then an anomalous class in
    /// ECG5000's proportions (mostly R-on-T PVC).
    /// </summary>
    public BeatClass NextClass(double anomalyFraction)
    {
        if (!(anomalyFraction is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(anomalyFraction), "must be 0..1");
        if (_random.NextDouble() >= anomalyFraction) return BeatClass.Normal;
        double pick = _random.NextDouble();
        foreach (var shape in FittedBeatShapes.All)
        {
            if (shape.Class == BeatClass.Normal) continue;
            pick -= shape.AnomalyShare;
            if (pick < 0) return shape.Class;
        }
        return BeatClass.RonTPvc; // rounding of the shares left a sliver: give it to the largest class
    }

    /// <summary>A new z-normalised beat of <paramref name="beatClass"/>: <see cref="GaussianWaves.SampleCount"/> finite samples.</summary>
    public float[] Generate(BeatClass beatClass)
    {
        var shape = FittedBeatShapes.All[(int)beatClass - 1];
        // The waves are linear in their amplitudes: weigh the mean and the modes first, then draw the waves once.
        shape.Mean.CopyTo(_amplitudes, 0);
        foreach (var mode in shape.Modes)
        {
            double weight = Math.Clamp(NextGaussian(), -MaxModeWeight, MaxModeWeight);
            for (int k = 0; k < _amplitudes.Length; k++) _amplitudes[k] += weight * mode[k];
        }
        Array.Clear(_curve);
        GaussianWaves.Add(_amplitudes, 1, _curve);
        for (int t = 0; t < _curve.Length; t++) _curve[t] += shape.NoiseStd * NextGaussian();
        return ZNormalised(_curve);
    }

    // ECG5000's rows are z-normalised one by one, so the model sees every beat with mean 0 and standard deviation 1.
    private static float[] ZNormalised(double[] curve)
    {
        double sum = 0, sumOfSquares = 0;
        foreach (double v in curve) sum += v;
        double mean = sum / curve.Length;
        foreach (double v in curve) sumOfSquares += (v - mean) * (v - mean);
        double std = Math.Sqrt(sumOfSquares / curve.Length);
        var samples = new float[curve.Length];
        for (int t = 0; t < curve.Length; t++) samples[t] = (float)((curve[t] - mean) / std);
        return samples;
    }

    // Box–Muller: two uniforms to one standard normal; 1 − U keeps the logarithm's argument above zero.
    private double NextGaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
