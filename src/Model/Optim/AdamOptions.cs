namespace EcgStream.Model.Optim;

/// <summary>Settings of <see cref="Adam"/>, with torch.optim.Adam's defaults.</summary>
public sealed class AdamOptions
{
    /// <summary>Step size lr. The default is 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decay of the first moment, β1. The default is 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay of the second moment, β2. The default is 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε added to √v̂. The default is 1e-8.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>L2 penalty: weight_decay·θ is added to the gradient before the moments (not decoupled as AdamW). The default is 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Must be positive and finite.");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "Must be in [0, 1).");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "Must be in [0, 1).");
        if (!(Epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Must be positive.");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Must be zero or positive and finite.");
    }
}
