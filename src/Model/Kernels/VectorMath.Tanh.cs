using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    // Cephes tanhf: for |x| < 0.625, tanh x = x + x·z·Q(z) with z = x², Q of degree 4 (keeps full relative accuracy near 0,
    // where 1 − 2/(e²ˣ + 1) would cancel); otherwise tanh|x| = 1 − 2/(e²|ˣ| + 1), and the sign of x is copied back.
    private const float TanhSmall = 0.625f;
    private const float TanhQ0 = -5.70498872745e-3f;
    private const float TanhQ1 = 2.06390887954e-2f;
    private const float TanhQ2 = -5.37397155531e-2f;
    private const float TanhQ3 = 1.33314422036e-1f;
    private const float TanhQ4 = -3.33332819422e-1f;

    /// <summary>Hyperbolic tangent tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ) of each element, to within ~1e-6 relative error.</summary>
    /// <param name="x">The inputs.</param>
    /// <param name="destination">Receives tanh(x[i]) at index i; at least as long as <paramref name="x"/>; may be the same span.</param>
    /// <remarks>Results may differ in the last bits between vector widths (hardware reciprocal estimates).</remarks>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> destination) => Unary<TanhOperator>(x, destination);

    internal static void Tanh512(ReadOnlySpan<float> x, Span<float> destination) => Unary<TanhOperator, Simd512, Vector512<float>>(x, destination);

    internal static void Tanh256(ReadOnlySpan<float> x, Span<float> destination) => Unary<TanhOperator, Simd256, Vector256<float>>(x, destination);

    internal static void TanhScalar(ReadOnlySpan<float> x, Span<float> destination) => Unary<TanhOperator, SimdScalar, float>(x, destination);

    /// <summary>tanh(x) per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Tanh<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        var a = TWidth.Abs(x);

        var z = TWidth.Multiply(x, x);
        var q = TWidth.MultiplyAdd(TWidth.Create(TanhQ0), z, TWidth.Create(TanhQ1));
        q = TWidth.MultiplyAdd(q, z, TWidth.Create(TanhQ2));
        q = TWidth.MultiplyAdd(q, z, TWidth.Create(TanhQ3));
        q = TWidth.MultiplyAdd(q, z, TWidth.Create(TanhQ4));
        var small = TWidth.MultiplyAdd(TWidth.Multiply(q, z), a, a);

        var e = Exp<TWidth, TVector>(TWidth.Add(a, a));
        var r = TWidth.Reciprocal(TWidth.Add(e, TWidth.Create(1f)));
        var large = TWidth.Subtract(TWidth.Create(1f), TWidth.Add(r, r));

        return TWidth.CopySign(TWidth.SelectWhereLess(a, TWidth.Create(TanhSmall), small, large), x);
    }

    /// <summary>tanh(x).</summary>
    private readonly struct TanhOperator : IUnaryOperator
    {
        public static TVector Invoke<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct =>
            Tanh<TWidth, TVector>(x);
    }
}
