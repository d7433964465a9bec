using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    /// <summary>Checks the spans of an element-wise operation: the destination must hold every result.</summary>
    private static void CheckUnary(ReadOnlySpan<float> x, Span<float> destination)
    {
        if (destination.Length < x.Length) throw new ArgumentException("Destination is shorter than the input.", nameof(destination));
    }

    /// <summary>Applies <typeparamref name="TOperator"/> at the widest accelerated width the input fills at least once.</summary>
    private static void Unary<TOperator>(ReadOnlySpan<float> x, Span<float> destination) where TOperator : IUnaryOperator
    {
        CheckUnary(x, destination);
        if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<float>.Count) Unary<TOperator, Simd512, Vector512<float>>(x, destination);
        else if (Vector256.IsHardwareAccelerated && x.Length >= Vector256<float>.Count) Unary<TOperator, Simd256, Vector256<float>>(x, destination);
        else Unary<TOperator, SimdScalar, float>(x, destination);
    }

    /// <summary>The loop driver for one width: whole vectors, then the tail.</summary>
    internal static void Unary<TOperator, TWidth, TVector>(ReadOnlySpan<float> x, Span<float> destination)
        where TOperator : IUnaryOperator where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(destination);
        nint count = TWidth.Count;
        nint length = x.Length;
        if (length < count)
        {
            for (nint j = 0; j < length; j++)
                SimdScalar.Store(TOperator.Invoke<SimdScalar, float>(SimdScalar.Load(ref source, j)), ref target, j);
            return;
        }

        // The tail is done by redoing the last whole vector, overlapping lanes already done with identical values,
        // instead of a scalar loop. Its input is loaded before the loop: when the destination is the input, the loop
        // would have overwritten it.
        var last = TWidth.Load(ref source, length - count);
        for (nint i = 0; i <= length - count; i += count)
            TWidth.Store(TOperator.Invoke<TWidth, TVector>(TWidth.Load(ref source, i)), ref target, i);
        TWidth.Store(TOperator.Invoke<TWidth, TVector>(last), ref target, length - count);
    }
}
