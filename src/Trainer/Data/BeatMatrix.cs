using EcgStream.Beats.Ecg5000;
using EcgStream.Model;

namespace EcgStream.Trainer.Data;

/// <summary>Packs beats into the row-major [count, samples] layout the trainer and the engines take.</summary>
public static class BeatMatrix
{
    /// <summary>The beats' samples one after another, each normalised by <paramref name="normalisation"/>.</summary>
    public static float[] Pack(IReadOnlyList<LabeledBeat> beats, Normalisation normalisation)
    {
        ArgumentNullException.ThrowIfNull(beats);
        if (beats.Count == 0) return [];
        int length = beats[0].Samples.Length;
        var matrix = new float[beats.Count * length];
        for (int i = 0; i < beats.Count; i++)
        {
            if (beats[i].Samples.Length != length) throw new ArgumentException("Every beat must have the same number of samples.", nameof(beats));
            var row = matrix.AsSpan(i * length, length);
            beats[i].Samples.CopyTo(row);
            normalisation.Apply(row);
        }
        return matrix;
    }

    /// <summary>
    /// The normalisation fitted on <paramref name="trainingBeats"/>: the mean and standard deviation of all their samples
    /// (scale 1 when they are all equal). Fitted on training beats only, so nothing of validation or test leaks in.
    /// </summary>
    public static Normalisation Fit(IReadOnlyList<LabeledBeat> trainingBeats)
    {
        ArgumentNullException.ThrowIfNull(trainingBeats);
        if (trainingBeats.Count == 0) throw new ArgumentException("At least one training beat is needed.", nameof(trainingBeats));
        double sum = 0, sumOfSquares = 0;
        long n = 0;
        foreach (var beat in trainingBeats)
        {
            foreach (float x in beat.Samples)
            {
                sum += x;
                sumOfSquares += (double)x * x;
                n++;
            }
        }
        double mean = sum / n;
        double deviation = Math.Sqrt(Math.Max(0, sumOfSquares / n - mean * mean));
        return new Normalisation((float)mean, deviation > 1e-12 ? (float)deviation : 1f);
    }
}
