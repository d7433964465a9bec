namespace EcgStream.Trainer.Augmentation;

/// <summary>
/// Random label-preserving changes to the training beats, drawn afresh for every epoch: each beat is time-warped about
/// its centre (stretched by a factor in [1 − w, 1 + w], linear interpolation), shifted by a whole number of samples in
/// [−s, s] (the edge sample repeats), scaled by a factor in [1 − a, 1 + a] and given Gaussian noise of standard deviation
/// σ, in that order. The beats are the normalised training matrix; validation and test beats never pass through here.
/// Deterministic: the same settings, beats, seed and epoch give the same beats.
/// </summary>
public sealed class BeatAugmentation
{
    private readonly AugmentationOptions _options;
    private readonly int _seed;
    private float[] _buffer = [];

    /// <summary>Augments with <paramref name="options"/>; <paramref name="seed"/> and the epoch number drive every draw.</summary>
    public BeatAugmentation(AugmentationOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _seed = seed;
    }

    /// <summary>
    /// The augmented copy of <paramref name="beats"/> ([count, length], beat-major) for <paramref name="epoch"/>. The input is
    /// not changed; the returned array is reused by the next call, so read it before calling again.
    /// </summary>
    public float[] Apply(ReadOnlySpan<float> beats, int length, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
        if (beats.Length % length != 0) throw new ArgumentException($"beats must hold whole beats of {length} samples.", nameof(beats));
        if (_buffer.Length != beats.Length) _buffer = new float[beats.Length];

        // One generator per epoch, seeded by (seed, epoch): an epoch's beats do not depend on how many epochs ran before.
        var random = new Random(HashCode.Combine(_seed, epoch, 0x5EED));
        var warped = new float[length];
        double centre = (length - 1) / 2.0;
        for (int start = 0; start < beats.Length; start += length)
        {
            var beat = beats.Slice(start, length);
            var output = _buffer.AsSpan(start, length);
            double stretch = 1 + Uniform(random, _options.WarpFraction);
            int shift = _options.ShiftSamples == 0 ? 0 : random.Next(-_options.ShiftSamples, _options.ShiftSamples + 1);
            float scale = (float)(1 + Uniform(random, _options.ScaleFraction));

            // Warp: output sample t reads the input at centre + (t − centre)·stretch, clamped to the beat.
            for (int t = 0; t < length; t++)
            {
                double at = Math.Clamp(centre + (t - centre) * stretch, 0, length - 1);
                int left = (int)at;
                int right = Math.Min(left + 1, length - 1);
                float weight = (float)(at - left);
                warped[t] = beat[left] + weight * (beat[right] - beat[left]);
            }
            for (int t = 0; t < length; t++)
            {
                float sample = warped[Math.Clamp(t - shift, 0, length - 1)] * scale;
                output[t] = _options.NoiseStd == 0 ? sample : sample + (float)(_options.NoiseStd * Gaussian(random));
            }
        }
        return _buffer;
    }

    /// <summary>Uniform in [−half, half]; no draw when half is 0, so a switched-off change leaves the stream alone.</summary>
    private static double Uniform(Random random, double half) => half == 0 ? 0 : (2 * random.NextDouble() - 1) * half;

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
