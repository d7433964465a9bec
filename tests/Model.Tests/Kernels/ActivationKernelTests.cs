using EcgStream.Model.Kernels;
using EcgStream.Model.Tests.Reference;

namespace EcgStream.Model.Tests.Kernels;

public class ActivationKernelTests
{
    // Each activation is a polynomial exp (≤ 2 ulp) and a refined reciprocal (≤ 2⁻²³ after one Newton step from a
    // 12-bit estimate), so a few float ulps (1 ulp ≈ 6e-8 relative): 1e-6 leaves margin and is the engine's budget.
    private const double RelativeTolerance = 1e-6;

    [Theory]
    [MemberData(nameof(KernelWidths.WidthsAndLengths), MemberType = typeof(KernelWidths))]
    public void Sigmoid_MatchesReference_ForEveryWidthAndLength(KernelWidth width, int length)
    {
        var x = KernelWidths.Random(length, seed: 20240601 + length, scale: 20f);
        var y = new float[length];

        Run(width, VectorMath.SigmoidScalar, VectorMath.Sigmoid256, VectorMath.Sigmoid512, x, y);

        for (int i = 0; i < length; i++) AssertRelative(ReferenceKernels.Sigmoid(x[i]), y[i], x[i]);
    }

    [Theory]
    [MemberData(nameof(KernelWidths.WidthsAndLengths), MemberType = typeof(KernelWidths))]
    public void Tanh_MatchesReference_ForEveryWidthAndLength(KernelWidth width, int length)
    {
        var x = KernelWidths.Random(length, seed: 20240602 + length, scale: 6f);
        var y = new float[length];

        Run(width, VectorMath.TanhScalar, VectorMath.Tanh256, VectorMath.Tanh512, x, y);

        for (int i = 0; i < length; i++) AssertRelative(ReferenceKernels.Tanh(x[i]), y[i], x[i]);
    }

    [Theory]
    [MemberData(nameof(KernelWidths.All), MemberType = typeof(KernelWidths))]
    public void Tanh_KeepsRelativeAccuracy_WhenInputIsTiny(KernelWidth width)
    {
        float[] x = [1e-7f, -3e-5f, 1e-3f, -0.01f, 0.3f, -0.62f, 0.63f, 0.9f, 1e-20f, 0f, -0f, 2e-4f, 5e-6f, -7e-3f, 0.1f, -0.2f];
        var y = new float[x.Length];

        Run(width, VectorMath.TanhScalar, VectorMath.Tanh256, VectorMath.Tanh512, x, y);

        for (int i = 0; i < x.Length; i++) AssertRelative(ReferenceKernels.Tanh(x[i]), y[i], x[i]);
    }

    [Theory]
    [MemberData(nameof(KernelWidths.All), MemberType = typeof(KernelWidths))]
    public void Activations_Saturate_WhenInputIsHuge(KernelWidth width)
    {
        float[] x = [-1e30f, -500f, -100f, -90f, 90f, 100f, 500f, 1e30f, -1e30f, -500f, -100f, -90f, 90f, 100f, 500f, 1e30f];
        var sigmoid = new float[x.Length];
        var tanh = new float[x.Length];

        Run(width, VectorMath.SigmoidScalar, VectorMath.Sigmoid256, VectorMath.Sigmoid512, x, sigmoid);
        Run(width, VectorMath.TanhScalar, VectorMath.Tanh256, VectorMath.Tanh512, x, tanh);

        for (int i = 0; i < x.Length; i++)
        {
            // Within one float ulp of the limit (1 − 2⁻²⁴ is the float below 1).
            Assert.Equal(x[i] > 0 ? 1.0 : 0.0, sigmoid[i], 6e-8);
            Assert.Equal(Math.Sign(x[i]), tanh[i], 6e-8);
        }
    }

    [Fact]
    public void Sigmoid_Throws_WhenDestinationIsTooShort()
    {
        var x = new float[17];

        Assert.Throws<ArgumentException>(() => VectorMath.Sigmoid(x, new float[16]));
    }

    [Fact]
    public void Tanh_Throws_WhenDestinationIsTooShort()
    {
        var x = new float[3];

        Assert.Throws<ArgumentException>(() => VectorMath.Tanh(x, new float[2]));
    }

    [Fact]
    public void Sigmoid_WritesInPlace_WhenDestinationIsTheInput()
    {
        var x = KernelWidths.Random(140, seed: 7, scale: 5f);
        var expected = x.Select(v => ReferenceKernels.Sigmoid(v)).ToArray();

        VectorMath.Sigmoid(x, x);

        for (int i = 0; i < x.Length; i++) Assert.Equal(expected[i], x[i], RelativeTolerance * expected[i]);
    }

    private delegate void Unary(ReadOnlySpan<float> x, Span<float> destination);

    private static void Run(KernelWidth width, Unary scalar, Unary v256, Unary v512, float[] x, float[] y)
    {
        var kernel = width switch { KernelWidth.Vector512 => v512, KernelWidth.Vector256 => v256, _ => scalar };
        kernel(x, y);
    }

    private static void AssertRelative(double expected, float actual, float input)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= RelativeTolerance * Math.Abs(expected) + 1e-38,
            $"f({input:R}) = {actual:R}, expected {expected:R} (relative error {error / Math.Abs(expected):E2})");
    }
}
