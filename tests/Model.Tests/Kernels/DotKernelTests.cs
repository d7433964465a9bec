using EcgStream.Model.Kernels;
using EcgStream.Model.Tests.Reference;

namespace EcgStream.Model.Tests.Kernels;

public class DotKernelTests
{
    // A float sum of n products is off by at most ~n·ε·Σ|a·b| (ε = 2⁻²⁴ ≈ 6e-8); vector lanes only shorten the chains.
    private const double Epsilon = 6e-8;

    [Theory]
    [MemberData(nameof(KernelWidths.WidthsAndLengths), MemberType = typeof(KernelWidths))]
    public void Dot_MatchesReference_ForEveryWidthAndLength(KernelWidth width, int length)
    {
        var a = KernelWidths.Random(length, seed: 11 + length);
        var b = KernelWidths.Random(length, seed: 12 + length);

        float actual = width switch
        {
            KernelWidth.Vector512 => VectorMath.Dot512(a, b),
            KernelWidth.Vector256 => VectorMath.Dot256(a, b),
            _ => VectorMath.DotScalar(a, b),
        };

        double magnitude = a.Zip(b, (x, y) => Math.Abs((double)x * y)).Sum();
        Assert.Equal(ReferenceKernels.Dot(a, b), actual, (length + 1) * Epsilon * magnitude + 1e-30);
    }

    [Fact]
    public void Dot_Throws_WhenLengthsDiffer()
    {
        var a = new float[5];
        var b = new float[4];

        Assert.Throws<ArgumentException>(() => VectorMath.Dot(a, b));
    }
}
