using System.Runtime.CompilerServices;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class Kernels
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
        var n = TWidth.Round(TWidth.Multiply(x, TWidth.Create(-Log2E)));
        var r = TWidth.MultiplyAdd(n, TWidth.Create(Ln2), x);
        var q = TWidth.MultiplyAdd(TWidth.Create(GateExpQ5), r, TWidth.Create(GateExpQ4));
        q = TWidth.MultiplyAdd(q, r, TWidth.Create(GateExpQ3));
        q = TWidth.MultiplyAdd(q, r, TWidth.Create(GateExpQ2));
        q = TWidth.MultiplyAdd(q, r, TWidth.Create(GateExpQ1));
        q = TWidth.MultiplyAdd(q, r, TWidth.Create(1f));
        return TWidth.ScaleByPowerOfTwo(q, n);
    }
}
