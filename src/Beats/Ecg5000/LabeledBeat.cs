namespace EcgStream.Beats.Ecg5000;

/// <summary>One row of an ECG5000 file: the class, the samples, and where the row came from.</summary>
/// <param name="Class">Ground-truth class.</param>
/// <param name="Samples">The beat's samples (140 in ECG5000).</param>
/// <param name="SourceFile">File name the row was read from, e.g. "ECG5000_TEST.txt".</param>
/// <param name="Row">Zero-based row index within that file.</param>
public sealed record LabeledBeat(BeatClass Class, float[] Samples, string SourceFile, int Row)
{
    /// <summary>True for every class but <see cref="BeatClass.Normal"/>.</summary>
    public bool IsAnomaly => Class != BeatClass.Normal;
}
