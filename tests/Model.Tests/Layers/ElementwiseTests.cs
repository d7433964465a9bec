using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels;
using EcgStream.Model.Kernels.Widths;
using EcgStream.Model.Layers;
using EcgStream.Model.Tests.Kernels;

namespace EcgStream.Model.Tests.Layers;

public class ElementwiseTests
{
    // One float addition or multiplication per element, in the same order at every width: the results are exact matches
    // of the same float expression.

    [Theory]
    [MemberData(nameof(KernelWidths.WidthsAndLengths), MemberType = typeof(KernelWidths))]
    public void Add_MatchesScalarExpression_ForEveryWidthAndLength(KernelWidth width, int length)
    {
        var source = KernelWidths.Random(length, seed: 20261206 + length);
        var destination = KernelWidths.Random(length + 1, seed: 20261207 + length);
        var expected = destination.ToArray();
        for (int i = 0; i < length; i++) expected[i] = destination[i] + source[i];

        switch (width)
        {
            case KernelWidth.Vector512: Elementwise.Add<Simd512, Vector512<float>>(source, destination); break;
            case KernelWidth.Vector256: Elementwise.Add<Simd256, Vector256<float>>(source, destination); break;
            default: Elementwise.Add<SimdScalar, float>(source, destination); break;
        }

        // The element past source.Length is left alone.
        Assert.Equal(expected, destination);
    }

    [Theory]
    [MemberData(nameof(KernelWidths.WidthsAndLengths), MemberType = typeof(KernelWidths))]
    public void Sum_MatchesScalarExpression_ForEveryWidthAndLength(KernelWidth width, int length)
    {
        var a = KernelWidths.Random(length, seed: 20261208 + length);
        var b = KernelWidths.Random(length, seed: 20261209 + length);
        var destination = new float[length];
        var expected = new float[length];
        for (int i = 0; i < length; i++) expected[i] = a[i] + b[i];

        switch (width)
        {
            case KernelWidth.Vector512: Elementwise.Sum<Simd512, Vector512<float>>(a, b, destination); break;
            case KernelWidth.Vector256: Elementwise.Sum<Simd256, Vector256<float>>(a, b, destination); break;
            default: Elementwise.Sum<SimdScalar, float>(a, b, destination); break;
        }

        Assert.Equal(expected, destination);
    }

    [Theory]
    [MemberData(nameof(KernelWidths.WidthsAndLengths), MemberType = typeof(KernelWidths))]
    public void Scale_MatchesScalarExpression_ForEveryWidthAndLength(KernelWidth width, int length)
    {
        var values = KernelWidths.Random(length, seed: 20261210 + length, scale: 3f);
        const float factor = 1f / 35;
        var expected = values.Select(v => v * factor).ToArray();

        switch (width)
        {
            case KernelWidth.Vector512: Elementwise.Scale<Simd512, Vector512<float>>(values, factor); break;
            case KernelWidth.Vector256: Elementwise.Scale<Simd256, Vector256<float>>(values, factor); break;
            default: Elementwise.Scale<SimdScalar, float>(values, factor); break;
        }

        Assert.Equal(expected, values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(140)]
    public void PublicEntryPoints_MatchScalarExpression_AtThisMachinesWidth(int length)
    {
        var a = KernelWidths.Random(length, seed: 5 + length);
        var b = KernelWidths.Random(length, seed: 6 + length);
        var sum = new float[length];
        var added = b.ToArray();
        var scaled = a.ToArray();

        Elementwise.Sum(a, b, sum);
        Elementwise.Add(a, added);
        Elementwise.Scale(scaled, 0.5f);

        Assert.Equal(a.Zip(b, (x, y) => x + y), sum);
        Assert.Equal(a.Zip(b, (x, y) => y + x), added);
        Assert.Equal(a.Select(x => x * 0.5f), scaled);
    }
}
