using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    /// <summary>Σ a[i]·b[i]. Summation order depends on the vector width, so compare results with a tolerance.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("a and b must have the same length.", nameof(b));
        if (Vector512.IsHardwareAccelerated && a.Length >= Vector512<float>.Count) return Dot512(a, b);
        if (Vector256.IsHardwareAccelerated && a.Length >= Vector256<float>.Count) return Dot256(a, b);
        return DotScalar(a, b);
    }

    internal static float Dot512(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Dot<Simd512, Vector512<float>>(a, b);

    internal static float Dot256(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Dot<Simd256, Vector256<float>>(a, b);

    internal static float DotScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Dot<SimdScalar, float>(a, b);

    private static float Dot<TWidth, TVector>(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        nint count = TWidth.Count;
        nint i = 0;
        TVector acc = default;
        for (; i <= a.Length - count; i += count)
            acc = TWidth.MultiplyAdd(TWidth.Load(ref pa, i), TWidth.Load(ref pb, i), acc);

        // A 128-wide hidden state has no tail at any width; other lengths finish one lane at a time.
        float sum = TWidth.Sum(acc);
        for (; i < a.Length; i++) sum = SimdScalar.MultiplyAdd(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i), sum);
        return sum;
    }
}
