using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Classification;

/// <summary>
/// One Conv1d of a classifier packed for inference: W'[o, j·C_in + c] = W[o, c, j] (the (j, c) order of a window read
/// from a channels-last sequence, <see cref="Conv1dParameters.CopyWeightInWindowOrder"/>) and the bias, as a <see cref="PackedMatrix"/>, with the sizes of its input and output.
/// </summary>
internal sealed class PackedConvolution
{
    /// <summary>Packs <paramref name="conv"/> for inputs of <paramref name="length"/> steps with <paramref name="padding"/> zeros on each side.</summary>
    public PackedConvolution(Conv1dParameters conv, int length, int padding, KernelWidth width)
    {
        InputChannels = conv.InputChannels;
        OutputChannels = conv.OutputChannels;
        KernelSize = conv.KernelSize;
        Padding = padding;
        PaddedLength = length + 2 * padding;
        OutputLength = PaddedLength - KernelSize + 1;
        PooledLength = OutputLength / 2;
        int depth = KernelSize * InputChannels;
        var reordered = new float[OutputChannels * depth];
        conv.CopyWeightInWindowOrder(reordered);
        Weights = PackedMatrix.Pack(reordered, OutputChannels, depth, conv.Bias, width);
    }

    /// <summary>C_in.</summary>
    public int InputChannels { get; }

    /// <summary>C_out.</summary>
    public int OutputChannels { get; }

    /// <summary>k.</summary>
    public int KernelSize { get; }

    /// <summary>Zero steps on each side of the input.</summary>
    public int Padding { get; }

    /// <summary>L + 2p: steps of the padded input buffer per sample.</summary>
    public int PaddedLength { get; }

    /// <summary>L + 2p − k + 1: steps of the convolution's output.</summary>
    public int OutputLength { get; }

    /// <summary>⌊OutputLength / 2⌋: steps after MaxPool(2).</summary>
    public int PooledLength { get; }

    /// <summary>W' [C_out, k·C_in] with the bias, packed.</summary>
    public PackedMatrix Weights { get; }
}
