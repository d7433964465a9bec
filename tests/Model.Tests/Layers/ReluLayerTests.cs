using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels;
using EcgStream.Model.Kernels.Widths;
using EcgStream.Model.Layers;
using EcgStream.Model.Tests.Kernels;

namespace EcgStream.Model.Tests.Layers;

public class ReluLayerTests
{
    [Theory]
    [MemberData(nameof(KernelWidths.WidthsAndLengths), MemberType = typeof(KernelWidths))]
    public void ReluLayer_Forward_ZeroesNegatives_ForEveryWidthAndLength(KernelWidth width, int length)
    {
        var values = KernelWidths.Random(length, seed: 20261211 + length);
        var expected = values.Select(v => v > 0f ? v : 0f).ToArray();

        switch (width)
        {
            case KernelWidth.Vector512: ReluLayer.Forward<Simd512, Vector512<float>>(values); break;
            case KernelWidth.Vector256: ReluLayer.Forward<Simd256, Vector256<float>>(values); break;
            default: ReluLayer.Forward<SimdScalar, float>(values); break;
        }

        Assert.Equal(expected, values);
    }

    [Theory]
    [MemberData(nameof(KernelWidths.WidthsAndLengths), MemberType = typeof(KernelWidths))]
    public void ReluLayer_Backward_PassesGradientOnlyWhereOutputIsPositive_ForEveryWidthAndLength(KernelWidth width, int length)
    {
        // Every third output is exactly 0, the value ReLU gives for x ≤ 0: its gradient must be 0 (PyTorch's choice at 0).
        var output = KernelWidths.Random(length, seed: 20261212 + length).Select((v, i) => i % 3 == 0 ? 0f : MathF.Abs(v)).ToArray();
        var gradient = KernelWidths.Random(length, seed: 20261213 + length);
        var expected = gradient.Select((g, i) => output[i] > 0f ? g : 0f).ToArray();

        switch (width)
        {
            case KernelWidth.Vector512: ReluLayer.Backward<Simd512, Vector512<float>>(output, gradient); break;
            case KernelWidth.Vector256: ReluLayer.Backward<Simd256, Vector256<float>>(output, gradient); break;
            default: ReluLayer.Backward<SimdScalar, float>(output, gradient); break;
        }

        Assert.Equal(expected, gradient);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(140)]
    public void ReluLayer_ForwardAndBackward_MatchScalarExpression_AtThisMachinesWidth(int length)
    {
        var values = KernelWidths.Random(length, seed: 11 + length);
        var gradient = KernelWidths.Random(length, seed: 12 + length);
        var expectedValues = values.Select(v => v > 0f ? v : 0f).ToArray();
        var expectedGradient = gradient.Select((g, i) => expectedValues[i] > 0f ? g : 0f).ToArray();

        ReluLayer.Forward(values);
        ReluLayer.Backward(values, gradient);

        Assert.Equal(expectedValues, values);
        Assert.Equal(expectedGradient, gradient);
    }
}
