using EcgStream.Beats.Ecg5000;

namespace EcgStream.Trainer.Report;

/// <summary>The mean beat of one class and the spread around it.</summary>
/// <param name="Class">The class.</param>
/// <param name="Beats">How many beats were averaged.</param>
/// <param name="Mean">Mean of each sample over the beats.</param>
/// <param name="StandardDeviation">Standard deviation of each sample over the beats.</param>
public sealed record ClassAverage(BeatClass Class, int Beats, float[] Mean, float[] StandardDeviation);
