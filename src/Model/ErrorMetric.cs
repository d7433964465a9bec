namespace EcgStream.Model;

/// <summary>How the reconstruction error of one beat is reduced to a single score.</summary>
public enum ErrorMetric
{
    /// <summary>Σ |x − x̂| over every sample of the beat (the seed's L1 loss with reduction "sum").</summary>
    L1Sum,

    /// <summary>Σ |x − x̂| / n: mean absolute error over the beat's samples.</summary>
    MeanAbsolute,

    /// <summary>Σ (x − x̂)² / n: mean squared error over the beat's samples.</summary>
    MeanSquared,
}
