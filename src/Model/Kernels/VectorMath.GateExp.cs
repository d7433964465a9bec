using System.Runtime.CompilerServices;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    // e⁻ˣ for the LSTM gates: e⁻ˣ = 2ⁿ·e⁻ʳ with n = round(−x·log₂e) and r = x + n·ln2 ∈ [−ln2/2, ln2/2] (one FMA: float ln2 is
    // within 1.9e-9 of ln2, so the reduction adds ≤ |n|·1.9e-9 relative error, ≤ 5e-8 over the |x| < 17 where a sigmoid
    // is not yet saturated), and e⁻ʳ = q(r), q(r) = p(−r) of degree 5 in Horner form, p a relative minimax fit of eʳ on
    // [−0.3467, 0.3467] with p(0) = 1 (Lawson iteration in double, then rounded to float: 9.3e-8 relative before the
    // rounding of the 5 FMAs). 7 FMA-class instructions and 4 others, against Exp's 16: the two-part ln2 and the
    // 1 + r + r²·P(r) split of Cephes buy relative accuracy the gates do not need (their error is absolute, see
    // GateSigmoid). Coefficients of q: q_k = (−1)ᵏ·p_k.
    private const float GateExpQ1 = -9.9999970198e-1f;
    private const float GateExpQ2 = 4.9999147654e-1f;
    private const float GateExpQ3 = -1.6667638719e-1f;
    private const float GateExpQ4 = 4.1898172349e-2f;
    private const float GateExpQ5 = -8.2902340218e-3f;
    private const float Ln2 = 0.693147180559945309f;

    /// <summary>e⁻ˣ per lane for x in [−88.3, 87.3] (x is clamped to it, so 2ⁿ stays a normal float), relative error ≤ ~3e-7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector GateExpNegative<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        x = TWidth.Max(TWidth.Min(x, TWidth.Create(-ExpLowerLimit)), TWidth.Create(-ExpUpperLimit));
        return GateExpNegativeWith<TWidth, TVector>(x, -Log2E, Ln2, GateExpQ1, GateExpQ2, GateExpQ3, GateExpQ4, GateExpQ5);
    }

    /// <summary>
    /// e^(−2x) per lane for x in [−44, 43] (not clamped: the caller keeps x there). The factor 2 is folded into the
    /// constants, exactly (powers of two): n = round(−2x·log₂e), r' = x + n·ln2/2 = r/2, and q(r) = Σ q_k·2ᵏ·r'ᵏ, so the
    /// result has the same bits as <see cref="GateExpNegative{TWidth, TVector}"/> of 2x up to the rounding of
    /// n's product, without the instruction that forms 2x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector GateExpNegativeOfTwice<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct =>
        GateExpNegativeWith<TWidth, TVector>(x, -2f * Log2E, 0.5f * Ln2, 2f * GateExpQ1, 4f * GateExpQ2, 8f * GateExpQ3, 16f * GateExpQ4, 32f * GateExpQ5);

    /// <summary>2ⁿ·q(r) with n = round(x·<paramref name="log2E"/>), r = x + n·<paramref name="ln2"/>, q(r) = 1 + q₁r + … + q₅r⁵.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector GateExpNegativeWith<TWidth, TVector>(TVector x, float log2E, float ln2, float q1, float q2, float q3, float q4, float q5)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        var n = TWidth.Round(TWidth.Multiply(x, TWidth.Create(log2E)));
        var r = TWidth.MultiplyAdd(n, TWidth.Create(ln2), x);
        var q = TWidth.MultiplyAdd(TWidth.Create(q5), r, TWidth.Create(q4));
        q = TWidth.MultiplyAdd(q, r, TWidth.Create(q3));
        q = TWidth.MultiplyAdd(q, r, TWidth.Create(q2));
        q = TWidth.MultiplyAdd(q, r, TWidth.Create(q1));
        q = TWidth.MultiplyAdd(q, r, TWidth.Create(1f));
        return TWidth.ScaleByPowerOfTwo(q, n);
    }
}
