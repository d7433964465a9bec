using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    /// <summary>Logistic sigmoid σ(x) = 1 / (1 + e⁻ˣ) of each element, to within ~1e-6 relative error.</summary>
    /// <param name="x">The inputs.</param>
    /// <param name="destination">Receives σ(x[i]) at index i; at least as long as <paramref name="x"/>; may be the same span.</param>
    /// <remarks>Results may differ in the last bits between vector widths (hardware reciprocal estimates).</remarks>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> destination) => Unary<SigmoidOperator>(x, destination);

    internal static void Sigmoid512(ReadOnlySpan<float> x, Span<float> destination) => Unary<SigmoidOperator, Simd512, Vector512<float>>(x, destination);

    internal static void Sigmoid256(ReadOnlySpan<float> x, Span<float> destination) => Unary<SigmoidOperator, Simd256, Vector256<float>>(x, destination);

    internal static void SigmoidScalar(ReadOnlySpan<float> x, Span<float> destination) => Unary<SigmoidOperator, SimdScalar, float>(x, destination);

    /// <summary>σ(x) = 1 / (1 + e⁻ˣ) per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Sigmoid<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct =>
        TWidth.Reciprocal(TWidth.Add(TWidth.Create(1f), Exp<TWidth, TVector>(TWidth.Subtract(default, x))));

    /// <summary>1 / (1 + e⁻ˣ).</summary>
    private readonly struct SigmoidOperator : IUnaryOperator
    {
        public static TVector Invoke<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct =>
            Sigmoid<TWidth, TVector>(x);
    }
}
