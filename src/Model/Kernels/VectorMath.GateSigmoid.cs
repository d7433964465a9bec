using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    /// <summary>
    /// σ of each element by the form the LSTM cell update uses (<see cref="GateSigmoid{TWidth, TVector}"/>): absolute error
    /// ≤ ~1e-7. For tests and tuning; <see cref="Sigmoid"/> is the public, relatively accurate form.
    /// </summary>
    internal static void GateSigmoid512(ReadOnlySpan<float> x, Span<float> destination) => Unary<GateSigmoidOperator, Simd512, Vector512<float>>(x, destination);

    internal static void GateSigmoid256(ReadOnlySpan<float> x, Span<float> destination) => Unary<GateSigmoidOperator, Simd256, Vector256<float>>(x, destination);

    internal static void GateSigmoidScalar(ReadOnlySpan<float> x, Span<float> destination) => Unary<GateSigmoidOperator, SimdScalar, float>(x, destination);

    /// <summary>
    /// σ(x) = 1 / (1 + e⁻ˣ) per lane with <see cref="GateExpNegative{TWidth, TVector}"/>: 15 instructions against
    /// <see cref="Sigmoid{TWidth, TVector}"/>'s 19. The error is bounded in absolute terms (≤ ~1e-7, see the kernel tests),
    /// not relative to σ: for x below about −17, where σ &lt; 4e-8, it may be off by more than σ itself. A gate only
    /// scales values of order 1, so that is what the cell update needs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector GateSigmoid<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct =>
        TWidth.Reciprocal(TWidth.Add(TWidth.Create(1f), GateExpNegative<TWidth, TVector>(x)));

    /// <summary>1 / (1 + e⁻ˣ).</summary>
    private readonly struct GateSigmoidOperator : IUnaryOperator
    {
        public static TVector Invoke<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct =>
            GateSigmoid<TWidth, TVector>(x);
    }
}
