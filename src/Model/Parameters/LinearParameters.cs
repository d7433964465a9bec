namespace EcgStream.Model.Parameters;

/// <summary>Parameters of a PyTorch nn.Linear: y = x·Wᵀ + b.</summary>
public sealed class LinearParameters
{
    /// <summary>Creates zeroed parameters for a linear layer with the given sizes.</summary>
    public LinearParameters(int inputSize, int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        InputSize = inputSize;
        OutputSize = outputSize;
        Weight = new float[outputSize * inputSize];
        Bias = new float[outputSize];
    }

    /// <summary>Size of x.</summary>
    public int InputSize { get; }

    /// <summary>Size of y.</summary>
    public int OutputSize { get; }

    /// <summary>weight: [O, I], row-major.</summary>
    public float[] Weight { get; }

    /// <summary>bias: [O].</summary>
    public float[] Bias { get; }
}
