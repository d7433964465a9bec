using EcgStream.Beats.Ecg5000;

namespace EcgStream.Beats.Synthetic;

/// <summary>
/// What beats of one class look like, as amplitudes of <see cref="GaussianWaves"/>: a beat is
/// Mean + Σⱼ zⱼ·Modesⱼ (zⱼ ~ N(0, 1)) drawn as waves, plus white noise, then z-normalised like every ECG5000 row.
/// </summary>
/// <param name="Class">The ECG5000 class.</param>
/// <param name="AnomalyShare">Fraction of the anomalous beats of ECG5000 that belong to this class (0 for Normal).</param>
/// <param name="NoiseStd">Standard deviation of the sample-to-sample noise.</param>
/// <param name="Mean">Wave amplitudes of the class mean.</param>
/// <param name="Modes">Wave amplitudes of each principal mode of variation, scaled by its standard deviation.</param>
public sealed record BeatShape(BeatClass Class, double AnomalyShare, double NoiseStd, double[] Mean, double[][] Modes);
