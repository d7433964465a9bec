using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Layers;

/// <summary>nn.ReLU in place: y = max(x, 0); ∂y/∂x = 1 where x &gt; 0, else 0 (PyTorch's choice at 0).</summary>
internal static class ReluLayer
{
    /// <summary>values ← max(values, 0), at the widest accelerated width the span fills at least once.</summary>
    public static void Forward(Span<float> values)
    {
        if (Vector512.IsHardwareAccelerated && values.Length >= Vector512<float>.Count) Forward<Simd512, Vector512<float>>(values);
        else if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count) Forward<Simd256, Vector256<float>>(values);
        else Forward<SimdScalar, float>(values);
    }

    /// <summary>
    /// gradient ← gradient where output &gt; 0, else 0 (output = y of the Forward; y &gt; 0 exactly where x &gt; 0), at the
    /// widest accelerated width the span fills at least once.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> output, Span<float> gradient)
    {
        if (Vector512.IsHardwareAccelerated && gradient.Length >= Vector512<float>.Count) Backward<Simd512, Vector512<float>>(output, gradient);
        else if (Vector256.IsHardwareAccelerated && gradient.Length >= Vector256<float>.Count) Backward<Simd256, Vector256<float>>(output, gradient);
        else Backward<SimdScalar, float>(output, gradient);
    }

    /// <summary>Forward at one width: whole vectors, then the tail one float at a time.</summary>
    internal static void Forward<TWidth, TVector>(Span<float> values) where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        nint count = TWidth.Count, length = values.Length, i = 0;
        var zero = TWidth.Create(0f);

        // max(0, x) with 0 first: x86 maxps returns its second operand when either is NaN, so a NaN input stays NaN
        // in the vector lanes as in the scalar tail (MathF.Max).
        for (; i <= length - count; i += count) TWidth.Store(TWidth.Max(zero, TWidth.Load(ref v, i)), ref v, i);
        for (; i < length; i++) Unsafe.Add(ref v, i) = MathF.Max(Unsafe.Add(ref v, i), 0f);
    }

    /// <summary>Backward at one width: whole vectors, then the tail one float at a time.</summary>
    internal static void Backward<TWidth, TVector>(ReadOnlySpan<float> output, Span<float> gradient) where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        Debug.Assert(output.Length >= gradient.Length);
        ref float y = ref MemoryMarshal.GetReference(output);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        nint count = TWidth.Count, length = gradient.Length, i = 0;
        var zero = TWidth.Create(0f);

        // 0 < y keeps the gradient, anything else (y = 0, or NaN) gives 0.
        for (; i <= length - count; i += count) TWidth.Store(TWidth.SelectWhereLess(zero, TWidth.Load(ref y, i), TWidth.Load(ref g, i), zero), ref g, i);
        for (; i < length; i++) Unsafe.Add(ref g, i) = Unsafe.Add(ref y, i) > 0f ? Unsafe.Add(ref g, i) : 0f;
    }
}
