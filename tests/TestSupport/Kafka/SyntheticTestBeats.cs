using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;

namespace EcgStream.TestSupport;

/// <summary>Deterministic beat windows for streaming tests: a QRS-like spike on a slow wave, with noise from a fixed seed.</summary>
public static class SyntheticTestBeats
{
    /// <summary><paramref name="count"/> beats spread over <paramref name="patients"/> patients, ids "beat-0".."beat-{count-1}".</summary>
    public static List<BeatWindow> Create(int count, int patients, int seed = 4242)
    {
        var random = new Random(seed);
        var sequences = new long[patients];
        var beats = new List<BeatWindow>(count);
        for (int n = 0; n < count; n++)
        {
            int patient = n % patients;
            var samples = new float[140];
            float spike = 2f + (float)random.NextDouble() * 2f;
            for (int t = 0; t < samples.Length; t++)
            {
                double wave = 0.5 * Math.Sin(2 * Math.PI * t / 140.0);
                double qrs = spike * Math.Exp(-Math.Pow((t - 40) / 3.0, 2));
                samples[t] = (float)(wave + qrs + 0.1 * (random.NextDouble() - 0.5));
            }
            beats.Add(new BeatWindow($"patient-{patient}", $"beat-{n}", sequences[patient]++, DateTimeOffset.UtcNow, samples)
            {
                SampleRateHz = 140, Label = n % 5 == 0 ? BeatClass.Pvc : BeatClass.Normal,
            });
        }
        return beats;
    }
}
