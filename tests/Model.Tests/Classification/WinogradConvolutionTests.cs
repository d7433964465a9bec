using EcgStream.Model.Classification;
using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;
using EcgStream.Model.Tests.Kernels;

namespace EcgStream.Model.Tests.Classification;

/// <summary>The Winograd F(2, 5) convolution against a double-precision direct convolution with ReLU and MaxPool(2).</summary>
public unsafe class WinogradConvolutionTests
{
    /// <summary>
    /// Absolute, for outputs of size ≈ 1: F(2, 5) in float32 stays within about 1e-6 of the exact value for 32 input
    /// channels (the class remarks), so 1e-5 leaves room for the other sizes and still fails on any wrong coefficient.
    /// </summary>
    private const double Tolerance = 1e-5;

    /// <summary>conv2 of the classifiers (32 → 64), and odd channel counts that leave vector tails at every width.</summary>
    public static TheoryData<int, int, KernelWidth> ChannelsAtEveryWidth
    {
        get
        {
            var data = new TheoryData<int, int, KernelWidth>();
            foreach (var (inputs, outputs) in new[] { (32, 64), (5, 19), (1, 3) })
                foreach (var width in new[] { KernelWidth.Scalar, KernelWidth.Vector256, KernelWidth.Vector512 }) data.Add(inputs, outputs, width);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ChannelsAtEveryWidth))]
    public void WinogradConvolution_ConvolvePooled_MatchesDirectConvolution(int inputs, int outputs, KernelWidth width)
    {
        const int samples = 3, pairs = 35, paddedLength = 2 * pairs + 4;
        var conv = new Conv1dParameters(inputs, outputs, 5);
        KernelWidths.Random(conv.Weight.Length, seed: 31, scale: 1f / MathF.Sqrt(5 * inputs)).CopyTo(conv.Weight, 0);
        KernelWidths.Random(conv.Bias.Length, seed: 32, scale: 0.5f).CopyTo(conv.Bias, 0);
        var input = KernelWidths.Random(samples * paddedLength * inputs, seed: 33, scale: 2f);
        var winograd = new WinogradConvolution(conv, width);
        var transformed = new float[samples * pairs * winograd.TransformedFloatsPerPair];
        var products = new float[samples * pairs * winograd.ProductFloatsPerPair];
        // Sample-major [samples, pairs, outputs] with one spare float per row, which must stay untouched.
        int stride = outputs + 1;
        var actual = new float[samples * pairs * stride];
        Array.Fill(actual, 42f);

        fixed (float* x = input, v = transformed, m = products, y = actual)
            winograd.ConvolvePooled(x, paddedLength, samples, pairs, v, m, y, (long)pairs * stride, stride);

        for (int s = 0; s < samples; s++)
        {
            for (int tau = 0; tau < pairs; tau++)
            {
                for (int o = 0; o < outputs; o++)
                {
                    double Output(int t)
                    {
                        double sum = conv.Bias[o];
                        for (int c = 0; c < inputs; c++)
                            for (int j = 0; j < 5; j++) sum += (double)conv.Weight[(o * inputs + c) * 5 + j] * input[(s * paddedLength + t + j) * inputs + c];
                        return sum;
                    }
                    double expected = Math.Max(0, Math.Max(Output(2 * tau), Output(2 * tau + 1)));
                    Assert.InRange(actual[(s * pairs + tau) * stride + o] - expected, -Tolerance, Tolerance);
                }
                Assert.Equal(42f, actual[(s * pairs + tau) * stride + outputs]);
            }
        }
    }
}
