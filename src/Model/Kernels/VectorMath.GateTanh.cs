using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    /// <summary>|x| beyond which GateTanh returns ±1: tanh 9 = 1 − 3e-8 rounds to 1.</summary>
    private const float GateTanhLimit = 9f;

    /// <summary>
    /// tanh of each element by the form the LSTM cell update uses (<see cref="GateTanh{TWidth, TVector}"/>): absolute error
    /// ≤ ~2e-7, not relative. For tests and tuning; <see cref="Tanh"/> is the public, relatively accurate form.
    /// </summary>
    internal static void GateTanh512(ReadOnlySpan<float> x, Span<float> destination) => Unary<GateTanhOperator, Simd512, Vector512<float>>(x, destination);

    internal static void GateTanh256(ReadOnlySpan<float> x, Span<float> destination) => Unary<GateTanhOperator, Simd256, Vector256<float>>(x, destination);

    internal static void GateTanhScalar(ReadOnlySpan<float> x, Span<float> destination) => Unary<GateTanhOperator, SimdScalar, float>(x, destination);

    /// <summary>
    /// tanh x = (1 − e) / (1 + e) with e = e^(−2x) (<see cref="GateExpNegativeOfTwice{TWidth, TVector}"/>) per lane, x first
    /// clamped to [−9, 9] (tanh 9 rounds to 1 in float, and e then stays in [1.5e-8, 6.6e7], so the reciprocal never
    /// reaches a denormal, and exp needs no clamp of its own): 16 instructions, against 26 for the sign(x)·(1 − e)/(1 + e), e = e^(−2|x|) form it replaces
    /// (abs, Cephes exp, sign copy) and more for <see cref="Tanh{TWidth, TVector}"/>, with its small-|x| polynomial and
    /// select. 2 calls per hidden unit and step. Its error is absolute (1 − e cancels near 0: ≤ ~2e-7 measured, see the
    /// kernel tests), which is what a gate or h needs, as their products are summed with values of order 1. tanh 0 is
    /// exactly 0 at every width (e = 1, 1 − e = 0, whatever the reciprocal estimate), so padded hidden units stay exactly 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector GateTanh<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        var one = TWidth.Create(1f);
        x = TWidth.Max(TWidth.Min(x, TWidth.Create(GateTanhLimit)), TWidth.Create(-GateTanhLimit));
        var e = GateExpNegativeOfTwice<TWidth, TVector>(x);
        return TWidth.Multiply(TWidth.Subtract(one, e), TWidth.Reciprocal(TWidth.Add(one, e)));
    }

    /// <summary>(1 − e^(−2x)) / (1 + e^(−2x)).</summary>
    private readonly struct GateTanhOperator : IUnaryOperator
    {
        public static TVector Invoke<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct =>
            GateTanh<TWidth, TVector>(x);
    }
}
