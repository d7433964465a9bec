using System.Runtime.Intrinsics;
using EcgStream.Model.Classification;
using EcgStream.Model.Kernels;
using EcgStream.Model.Kernels.Widths;
using EcgStream.Model.Tests.Kernels;

namespace EcgStream.Model.Tests.Classification;

public unsafe class PackedClassifierReluMaxTests
{
    [Theory]
    [MemberData(nameof(KernelWidths.WidthsAndLengths), MemberType = typeof(KernelWidths))]
    public void ReluMax_MatchesScalarExpression_ForEveryWidthAndLength(KernelWidth width, int length)
    {
        var a = KernelWidths.Random(length, seed: 20261214 + length);
        var b = KernelWidths.Random(length, seed: 20261215 + length);
        var d = new float[length + 1];
        d[length] = 42f;
        var expected = new float[length + 1];
        for (int i = 0; i < length; i++) expected[i] = Math.Max(Math.Max(a[i], b[i]), 0f);
        expected[length] = 42f;

        fixed (float* pa = a, pb = b, pd = d)
        {
            switch (width)
            {
                case KernelWidth.Vector512: PackedClassifier.ReluMax<Simd512, Vector512<float>>(pa, pb, pd, length); break;
                case KernelWidth.Vector256: PackedClassifier.ReluMax<Simd256, Vector256<float>>(pa, pb, pd, length); break;
                default: PackedClassifier.ReluMax<SimdScalar, float>(pa, pb, pd, length); break;
            }
        }

        // The float past count is left alone.
        Assert.Equal(expected, d);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(35)]
    public void ReluMax_MatchesScalarExpression_AtThisMachinesWidth(int length)
    {
        var a = KernelWidths.Random(length, seed: 21 + length);
        var b = KernelWidths.Random(length, seed: 22 + length);
        var d = new float[length];

        fixed (float* pa = a, pb = b, pd = d) PackedClassifier.ReluMax(pa, pb, pd, length);

        Assert.Equal(a.Zip(b, (x, y) => Math.Max(Math.Max(x, y), 0f)), d);
    }
}
