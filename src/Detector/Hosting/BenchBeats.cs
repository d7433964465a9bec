using EcgStream.Beats.Wire;

namespace EcgStream.Detector.Hosting;

/// <summary>
/// Beats for the benchmark: a spike on a slow wave with noise from a fixed seed, round-robin over patients. The
/// benchmark measures the pipeline's speed, which does not depend on what the beats look like.
/// </summary>
public sealed class BenchBeats(int patients, int seed)
{
    private readonly Random _random = new(seed);
    private readonly long[] _sequences = new long[patients];
    private long _next;

    /// <summary>The next beat, stamped now.</summary>
    public BeatWindow Next()
    {
        long n = _next++;
        int patient = (int)(n % _sequences.Length);
        var samples = new float[BeatWindowCodec.DefaultSampleCount];
        for (int t = 0; t < samples.Length; t++)
            samples[t] = (float)(0.5 * Math.Sin(2 * Math.PI * t / samples.Length) + 3 * Math.Exp(-Math.Pow((t - 40) / 3.0, 2)) + 0.1 * (_random.NextDouble() - 0.5));
        return new BeatWindow($"bench-{patient}", $"bench-{n}", _sequences[patient]++, DateTimeOffset.UtcNow, samples);
    }
}
