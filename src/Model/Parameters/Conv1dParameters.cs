using System.Diagnostics;

namespace EcgStream.Model.Parameters;

/// <summary>Parameters of a PyTorch nn.Conv1d (stride 1, dilation 1, groups 1): y[o, t] = b[o] + Σ_c Σ_j W[o, c, j]·x[c, t + j − padding].</summary>
public sealed class Conv1dParameters
{
    /// <summary>Creates zeroed parameters for a convolution with the given sizes.</summary>
    public Conv1dParameters(int inputChannels, int outputChannels, int kernelSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        InputChannels = inputChannels;
        OutputChannels = outputChannels;
        KernelSize = kernelSize;
        Weight = new float[outputChannels * inputChannels * kernelSize];
        Bias = new float[outputChannels];
    }

    /// <summary>Channels of x (in_channels).</summary>
    public int InputChannels { get; }

    /// <summary>Channels of y (out_channels).</summary>
    public int OutputChannels { get; }

    /// <summary>Taps of the kernel (kernel_size).</summary>
    public int KernelSize { get; }

    /// <summary>weight: [out_channels, in_channels, kernel_size], row-major.</summary>
    public float[] Weight { get; }

    /// <summary>bias: [out_channels].</summary>
    public float[] Bias { get; }

    /// <summary>
    /// Writes the weight in window order, W′[o, j·C_in + c] = W[o, c, j], [C_out, k·C_in]: the (j, c) order of the k·C_in
    /// inputs of one output step read from a channels-last sequence, so a convolution is a matrix product with W′.
    /// </summary>
    /// <param name="destination">At least C_out·k·C_in floats; the first C_out·k·C_in are overwritten.</param>
    internal void CopyWeightInWindowOrder(Span<float> destination)
    {
        int depth = KernelSize * InputChannels;
        Debug.Assert(destination.Length >= OutputChannels * depth);
        for (int o = 0; o < OutputChannels; o++)
            for (int c = 0; c < InputChannels; c++)
                for (int j = 0; j < KernelSize; j++)
                    destination[o * depth + j * InputChannels + c] = Weight[(o * InputChannels + c) * KernelSize + j];
    }
}
