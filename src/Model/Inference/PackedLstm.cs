using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Inference;

/// <summary>
/// One nn.LSTM layer's weights, copied and packed for the kernels: W_ih and W_hh with their gate columns interleaved per
/// panel (<see cref="PackedMatrix.PackLstmGates"/>), b_ih + b_hh folded into the input projection's bias.
/// </summary>
internal sealed class PackedLstm
{
    /// <summary>Packs <paramref name="lstm"/> for inputs rows of length <paramref name="inputDepth"/> (≥ its input size; the rest is zero padding).</summary>
    public PackedLstm(LstmParameters lstm, int inputDepth, KernelWidth width)
    {
        Hidden = lstm.HiddenSize;
        InputWeights = PackedMatrix.PackLstmGates(lstm.WeightIh, lstm.HiddenSize, lstm.InputSize, inputDepth, lstm.BiasIh, lstm.BiasHh, width);
        int paddedHidden = InputWeights.Columns / 4;
        RecurrentWeights = PackedMatrix.PackLstmGates(lstm.WeightHh, lstm.HiddenSize, lstm.HiddenSize, paddedHidden, default, default, width);
    }

    /// <summary>H.</summary>
    public int Hidden { get; }

    /// <summary>H_p: H rounded up to the lanes; the row length of this layer's h and c.</summary>
    public int PaddedHidden => RecurrentWeights.Depth;

    /// <summary>W_ih with bias b_ih + b_hh: [inputs → 4·H_p].</summary>
    public PackedMatrix InputWeights { get; }

    /// <summary>W_hh, no bias: [H_p → 4·H_p].</summary>
    public PackedMatrix RecurrentWeights { get; }
}
