using EcgStream.Model.Kernels;
using EcgStream.Model.Tests.Reference;
using Xunit.Abstractions;

namespace EcgStream.Model.Tests.Kernels;

/// <summary>
/// The cell update's own σ and tanh (VectorMath.GateSigmoid, VectorMath.GateTanh): checked in absolute terms against the
/// double-precision reference, at every width, on a dense grid over the whole range a gate or a cell state takes.
/// </summary>
public class GateActivationKernelTests(ITestOutputHelper output)
{
    // The gate forms trade relative accuracy near 0 (tanh) and far left (σ) for fewer instructions: their error is absolute.
    // Budget: exp's 9.3e-8 relative fit error plus ~3 roundings (≈ 2e-7 relative on e), a refined reciprocal (≤ 2⁻²³ at
    // 512 bits, about 2⁻²² from the 12-bit estimate at 256), and for tanh the 1 − e cancellation, which turns e's relative
    // error into absolute error. Measured here (x86-64, Zen 4): see the test output; 5e-7 leaves a margin over that and is
    // far below the engine's parity budget (outputs within 1e-5 of PyTorch).
    private const double AbsoluteTolerance = 5e-7;

    /// <summary>−30 … 30 in steps of 2⁻¹⁰ (61,441 points), plus values near 0 and beyond saturation.</summary>
    private static float[] Grid()
    {
        var values = new List<float>();
        for (int i = -30 * 1024; i <= 30 * 1024; i++) values.Add(i / 1024f);
        values.AddRange([1e-30f, -1e-30f, 1e-7f, -3e-6f, 2e-4f, -0.013f, 40f, -40f, 88f, -88f, 90f, -90f, 500f, -500f, 1e30f, -1e30f]);
        return values.ToArray();
    }

    [Theory]
    [MemberData(nameof(KernelWidths.All), MemberType = typeof(KernelWidths))]
    public void GateSigmoid_StaysWithinAbsoluteTolerance_ForEveryWidth(KernelWidth width)
    {
        var x = Grid();
        var y = new float[x.Length];

        Run(width, VectorMath.GateSigmoidScalar, VectorMath.GateSigmoid256, VectorMath.GateSigmoid512, x, y);

        AssertAbsolute("GateSigmoid", width, x, y, ReferenceKernels.Sigmoid);
    }

    [Theory]
    [MemberData(nameof(KernelWidths.All), MemberType = typeof(KernelWidths))]
    public void GateTanh_StaysWithinAbsoluteTolerance_ForEveryWidth(KernelWidth width)
    {
        var x = Grid();
        var y = new float[x.Length];

        Run(width, VectorMath.GateTanhScalar, VectorMath.GateTanh256, VectorMath.GateTanh512, x, y);

        AssertAbsolute("GateTanh", width, x, y, ReferenceKernels.Tanh);
    }

    [Theory]
    [MemberData(nameof(KernelWidthsAndLengths), MemberType = typeof(GateActivationKernelTests))]
    public void GateActivations_MatchReference_ForLengthsAroundVectorWidth(KernelWidth width, int length)
    {
        var x = KernelWidths.Random(length, seed: 20261206 + length, scale: 12f);
        var sigmoid = new float[length];
        var tanh = new float[length];

        Run(width, VectorMath.GateSigmoidScalar, VectorMath.GateSigmoid256, VectorMath.GateSigmoid512, x, sigmoid);
        Run(width, VectorMath.GateTanhScalar, VectorMath.GateTanh256, VectorMath.GateTanh512, x, tanh);

        for (int i = 0; i < length; i++)
        {
            Assert.Equal(ReferenceKernels.Sigmoid(x[i]), sigmoid[i], AbsoluteTolerance);
            Assert.Equal(ReferenceKernels.Tanh(x[i]), tanh[i], AbsoluteTolerance);
        }
    }

    [Theory]
    [MemberData(nameof(KernelWidths.All), MemberType = typeof(KernelWidths))]
    public void GateTanh_IsExactlyZero_WhenInputIsZero(KernelWidth width)
    {
        // Padded hidden units have zero pre-activations; their c and h must stay exactly 0.
        var x = new float[16];
        var y = Enumerable.Repeat(1f, 16).ToArray();

        Run(width, VectorMath.GateTanhScalar, VectorMath.GateTanh256, VectorMath.GateTanh512, x, y);

        Assert.All(y, v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(KernelWidths.All), MemberType = typeof(KernelWidths))]
    public void GateActivations_Saturate_WhenInputIsHuge(KernelWidth width)
    {
        float[] x = [-1e30f, -500f, -100f, -90f, 90f, 100f, 500f, 1e30f, -1e30f, -500f, -100f, -90f, 90f, 100f, 500f, 1e30f];
        var sigmoid = new float[x.Length];
        var tanh = new float[x.Length];

        Run(width, VectorMath.GateSigmoidScalar, VectorMath.GateSigmoid256, VectorMath.GateSigmoid512, x, sigmoid);
        Run(width, VectorMath.GateTanhScalar, VectorMath.GateTanh256, VectorMath.GateTanh512, x, tanh);

        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] > 0 ? 1.0 : 0.0, sigmoid[i], 6e-8);
            Assert.Equal(Math.Sign(x[i]), tanh[i], 6e-8);
        }
    }

    /// <summary>Every width with the lengths around each vector width (the loop driver's tail paths).</summary>
    public static TheoryData<KernelWidth, int> KernelWidthsAndLengths => KernelWidths.WidthsAndLengths;

    private delegate void Unary(ReadOnlySpan<float> x, Span<float> destination);

    private static void Run(KernelWidth width, Unary scalar, Unary v256, Unary v512, float[] x, float[] y)
    {
        var kernel = width switch { KernelWidth.Vector512 => v512, KernelWidth.Vector256 => v256, _ => scalar };
        kernel(x, y);
    }

    private void AssertAbsolute(string name, KernelWidth width, float[] x, float[] y, Func<double, double> reference)
    {
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double error = Math.Abs(y[i] - reference(x[i]));
            if (error > worst) (worst, worstAt) = (error, x[i]);
        }
        output.WriteLine($"{name} {width}: max absolute error {worst:E2} at x = {worstAt:R} over {x.Length} points");
        Assert.True(worst <= AbsoluteTolerance, $"{name} {width}: max absolute error {worst:E2} at x = {worstAt:R}");
    }
}
