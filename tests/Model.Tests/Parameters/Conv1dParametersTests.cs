using EcgStream.Model.Parameters;

namespace EcgStream.Model.Tests.Parameters;

public class Conv1dParametersTests
{
    [Theory]
    [InlineData(1, 16, 7)]
    [InlineData(16, 32, 5)]
    [InlineData(3, 2, 1)]
    public void Conv1dParameters_CopyWeightInWindowOrder_PutsTapMajorAndChannelMinor(int inputChannels, int outputChannels, int kernelSize)
    {
        var conv = new Conv1dParameters(inputChannels, outputChannels, kernelSize);
        for (int i = 0; i < conv.Weight.Length; i++) conv.Weight[i] = i;
        var reordered = new float[conv.Weight.Length];

        conv.CopyWeightInWindowOrder(reordered);

        // W[o, c, j] sits at (o·C_in + c)·k + j; W′[o, j·C_in + c] at o·k·C_in + j·C_in + c.
        for (int o = 0; o < outputChannels; o++)
            for (int c = 0; c < inputChannels; c++)
                for (int j = 0; j < kernelSize; j++)
                    Assert.Equal(conv.Weight[(o * inputChannels + c) * kernelSize + j], reordered[o * kernelSize * inputChannels + j * inputChannels + c]);
    }
}
