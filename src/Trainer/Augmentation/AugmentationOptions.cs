namespace EcgStream.Trainer.Augmentation;

/// <summary>
/// How strongly <see cref="BeatAugmentation"/> changes the training beats each epoch. Every setting 0 (the default)
/// switches its change off; all four 0 switch augmentation off.
/// </summary>
public sealed class AugmentationOptions
{
    /// <summary>Largest relative change of amplitude, a in [1 − a, 1 + a]; 0..0.5. The default is 0.</summary>
    public double ScaleFraction { get; init; }

    /// <summary>Largest time shift in samples, either way; 0..20. The default is 0.</summary>
    public int ShiftSamples { get; init; }

    /// <summary>Standard deviation of the added Gaussian noise, in normalised units; 0..1. The default is 0.</summary>
    public double NoiseStd { get; init; }

    /// <summary>Largest relative time stretch about the beat's centre, w in [1 − w, 1 + w]; 0..0.5. The default is 0.</summary>
    public double WarpFraction { get; init; }

    /// <summary>True when at least one change is switched on.</summary>
    public bool IsOn => ScaleFraction > 0 || ShiftSamples > 0 || NoiseStd > 0 || WarpFraction > 0;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(ScaleFraction is >= 0 and <= 0.5)) throw new ArgumentOutOfRangeException(nameof(ScaleFraction), ScaleFraction, "must be in [0, 0.5]");
        if (ShiftSamples is < 0 or > 20) throw new ArgumentOutOfRangeException(nameof(ShiftSamples), ShiftSamples, "must be 0..20 samples");
        if (!(NoiseStd is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(NoiseStd), NoiseStd, "must be in [0, 1]");
        if (!(WarpFraction is >= 0 and <= 0.5)) throw new ArgumentOutOfRangeException(nameof(WarpFraction), WarpFraction, "must be in [0, 0.5]");
    }
}
