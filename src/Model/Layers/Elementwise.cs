using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Layers;

/// <summary>
/// Small elementwise helpers shared by the layers, the trainer and the optimiser. Each vectorised one runs at the widest
/// accelerated width its span fills at least once (512, then 256 bits, else one float at a time), as the kernels do; the
/// per-width methods are internal so the tests run every width on every machine.
/// </summary>
internal static class Elementwise
{
    /// <summary>destination[c, r] = source[r, c] for a [rows, columns] source.</summary>
    public static void Transpose(float[] source, int rows, int columns, float[] destination)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++) destination[c * rows + r] = source[r * columns + c];
        }
    }

    /// <summary>destination += source, elementwise, over source.Length values.</summary>
    public static void Add(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (Vector512.IsHardwareAccelerated && source.Length >= Vector512<float>.Count) Add<Simd512, Vector512<float>>(source, destination);
        else if (Vector256.IsHardwareAccelerated && source.Length >= Vector256<float>.Count) Add<Simd256, Vector256<float>>(source, destination);
        else Add<SimdScalar, float>(source, destination);
    }

    /// <summary>Adds Σ_rows of a [rows, columns] matrix to each destination.</summary>
    public static void AddRows(ReadOnlySpan<float> matrix, int rows, int columns, float[] first, float[]? second = null)
    {
        Span<float> sum = columns <= 1024 ? stackalloc float[columns] : new float[columns];
        sum.Clear();
        for (int r = 0; r < rows; r++) Add(matrix.Slice(r * columns, columns), sum);
        Add(sum, first);
        if (second is not null) Add(sum, second);
    }

    /// <summary>destination = a + b, elementwise, over destination.Length values.</summary>
    public static void Sum(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination)
    {
        if (Vector512.IsHardwareAccelerated && destination.Length >= Vector512<float>.Count) Sum<Simd512, Vector512<float>>(a, b, destination);
        else if (Vector256.IsHardwareAccelerated && destination.Length >= Vector256<float>.Count) Sum<Simd256, Vector256<float>>(a, b, destination);
        else Sum<SimdScalar, float>(a, b, destination);
    }

    /// <summary>values ← values · factor, elementwise.</summary>
    public static void Scale(Span<float> values, float factor)
    {
        if (Vector512.IsHardwareAccelerated && values.Length >= Vector512<float>.Count) Scale<Simd512, Vector512<float>>(values, factor);
        else if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count) Scale<Simd256, Vector256<float>>(values, factor);
        else Scale<SimdScalar, float>(values, factor);
    }

    /// <summary>Add at one width: whole vectors, then the tail one float at a time (not an overlapping last vector: += is not idempotent).</summary>
    internal static void Add<TWidth, TVector>(ReadOnlySpan<float> source, Span<float> destination) where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        Debug.Assert(destination.Length >= source.Length);
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        nint count = TWidth.Count, length = source.Length, i = 0;
        for (; i <= length - count; i += count) TWidth.Store(TWidth.Add(TWidth.Load(ref d, i), TWidth.Load(ref s, i)), ref d, i);
        for (; i < length; i++) Unsafe.Add(ref d, i) += Unsafe.Add(ref s, i);
    }

    /// <summary>Sum at one width: whole vectors, then the tail one float at a time.</summary>
    internal static void Sum<TWidth, TVector>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination) where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        Debug.Assert(a.Length >= destination.Length && b.Length >= destination.Length);
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        ref float d = ref MemoryMarshal.GetReference(destination);
        nint count = TWidth.Count, length = destination.Length, i = 0;
        for (; i <= length - count; i += count) TWidth.Store(TWidth.Add(TWidth.Load(ref pa, i), TWidth.Load(ref pb, i)), ref d, i);
        for (; i < length; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref pa, i) + Unsafe.Add(ref pb, i);
    }

    /// <summary>Scale at one width: whole vectors, then the tail one float at a time.</summary>
    internal static void Scale<TWidth, TVector>(Span<float> values, float factor) where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        nint count = TWidth.Count, length = values.Length, i = 0;
        var f = TWidth.Create(factor);
        for (; i <= length - count; i += count) TWidth.Store(TWidth.Multiply(TWidth.Load(ref v, i), f), ref v, i);
        for (; i < length; i++) Unsafe.Add(ref v, i) *= factor;
    }
}
