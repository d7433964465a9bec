namespace EcgStream.Model.Parameters;

/// <summary>
/// Parameters of one single-layer LSTM in PyTorch's nn.LSTM layout. Gate blocks are stacked in the order i, f, g, o:
/// rows [0, H) are the input gate, [H, 2H) forget, [2H, 3H) cell candidate, [3H, 4H) output.
/// </summary>
public sealed class LstmParameters
{
    /// <summary>Creates zeroed parameters for an LSTM with the given sizes.</summary>
    public LstmParameters(int inputSize, int hiddenSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        WeightIh = new float[4 * hiddenSize * inputSize];
        WeightHh = new float[4 * hiddenSize * hiddenSize];
        BiasIh = new float[4 * hiddenSize];
        BiasHh = new float[4 * hiddenSize];
    }

    /// <summary>Size of x_t.</summary>
    public int InputSize { get; }

    /// <summary>Size of h_t and c_t.</summary>
    public int HiddenSize { get; }

    /// <summary>weight_ih_l0: [4·H, I], row-major.</summary>
    public float[] WeightIh { get; }

    /// <summary>weight_hh_l0: [4·H, H], row-major.</summary>
    public float[] WeightHh { get; }

    /// <summary>bias_ih_l0: [4·H].</summary>
    public float[] BiasIh { get; }

    /// <summary>bias_hh_l0: [4·H].</summary>
    public float[] BiasHh { get; }
}
