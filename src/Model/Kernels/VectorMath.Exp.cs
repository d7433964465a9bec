using System.Runtime.CompilerServices;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    // Cephes expf: eˣ = 2ⁿ·eʳ with n = round(x·log₂e) and r = x − n·ln2 ∈ [−ln2/2, ln2/2], ln2 split in a high part with few
    // mantissa bits (exact n·ln2_hi) and a low correction; eʳ ≈ 1 + r + r²·P(r), P of degree 5. Relative error ≤ ~2 ulp.
    private const float ExpUpperLimit = 88.3f;      // keeps n ≤ 127, so 2ⁿ is a normal float
    private const float ExpLowerLimit = -87.3f;     // keeps n ≥ −126
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float ExpP0 = 1.9875691500e-4f;
    private const float ExpP1 = 1.3981999507e-3f;
    private const float ExpP2 = 8.3334519073e-3f;
    private const float ExpP3 = 4.1665795894e-2f;
    private const float ExpP4 = 1.6666665459e-1f;
    private const float ExpP5 = 5.0000001201e-1f;

    /// <summary>eˣ per lane, x clamped to [−87.3, 88.3] (outside it the result saturates instead of overflowing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Exp<TWidth, TVector>(TVector x)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        x = TWidth.Max(TWidth.Min(x, TWidth.Create(ExpUpperLimit)), TWidth.Create(ExpLowerLimit));
        var n = TWidth.Round(TWidth.Multiply(x, TWidth.Create(Log2E)));
        var r = TWidth.MultiplyAdd(n, TWidth.Create(-Ln2High), x);
        r = TWidth.MultiplyAdd(n, TWidth.Create(-Ln2Low), r);
        var p = TWidth.MultiplyAdd(TWidth.Create(ExpP0), r, TWidth.Create(ExpP1));
        p = TWidth.MultiplyAdd(p, r, TWidth.Create(ExpP2));
        p = TWidth.MultiplyAdd(p, r, TWidth.Create(ExpP3));
        p = TWidth.MultiplyAdd(p, r, TWidth.Create(ExpP4));
        p = TWidth.MultiplyAdd(p, r, TWidth.Create(ExpP5));
        var e = TWidth.MultiplyAdd(TWidth.Multiply(r, r), p, TWidth.Add(r, TWidth.Create(1f)));
        return TWidth.ScaleByPowerOfTwo(e, n);
    }
}
