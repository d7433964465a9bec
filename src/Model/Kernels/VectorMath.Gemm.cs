using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    /// <summary>
    /// Matrix product with a packed weight, y = x·Wᵀ + b for a batch of rows (nn.Linear, or an LSTM's input projection
    /// over all time steps at once): c[r, j] = bias[j] + Σ_k a[r, k] · W[j, k]. Runs at <paramref name="b"/>'s width.
    /// </summary>
    /// <param name="a">[rows, b.Depth], row-major.</param>
    /// <param name="rows">M: rows of <paramref name="a"/> and <paramref name="c"/>; 0 does nothing.</param>
    /// <param name="b">W, packed; its columns are in packed order (<see cref="PackedMatrix"/>).</param>
    /// <param name="c">[rows, b.Columns], row-major; overwritten.</param>
    /// <remarks>Summation order depends on the width; compare results with a tolerance.</remarks>
    public static void Gemm(ReadOnlySpan<float> a, int rows, PackedMatrix b, Span<float> c)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (a.Length < (long)rows * b.Depth) throw new ArgumentException($"a must hold {rows}·{b.Depth} values.", nameof(a));
        if (c.Length < (long)rows * b.Columns) throw new ArgumentException($"Destination must hold {rows}·{b.Columns} values.", nameof(c));
        if (rows == 0) return;
        switch (b.Width)
        {
            case KernelWidth.Vector512: Gemm512(a, rows, b, c); break;
            case KernelWidth.Vector256: Gemm256(a, rows, b, c); break;
            default: GemmScalar(a, rows, b, c); break;
        }
    }

    internal static void Gemm512(ReadOnlySpan<float> a, int rows, PackedMatrix b, Span<float> c) => Gemm<Simd512, Vector512<float>>(a, rows, b, c);

    internal static void Gemm256(ReadOnlySpan<float> a, int rows, PackedMatrix b, Span<float> c) => Gemm<Simd256, Vector256<float>>(a, rows, b, c);

    internal static void GemmScalar(ReadOnlySpan<float> a, int rows, PackedMatrix b, Span<float> c) => Gemm<SimdScalar, float>(a, rows, b, c);

    private static void Gemm<TWidth, TVector>(ReadOnlySpan<float> a, int rows, PackedMatrix b, Span<float> c)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        Debug.Assert((int)b.Width == TWidth.Count && rows > 0);
        ref float output = ref MemoryMarshal.GetReference(c);
        // The bias is the initial value of every row (stride 0); the cell argument is unused by StoreProduct.
        Tiles<TWidth, TVector, StoreProduct>(ref b.Bias[0], ldInit: 0, initPanelStride: b.PanelWidth,
            ref MemoryMarshal.GetReference(a), b.Depth, b.Depth, rows, b,
            ref output, b.Columns, b.PanelWidth, ref output, 0, 0);
    }

    /// <summary>
    /// As <see cref="Gemm"/>, with the rows of <paramref name="a"/> <paramref name="lda"/> floats apart instead of b.Depth:
    /// row r is a[r·lda .. r·lda + b.Depth). With lda &lt; Depth consecutive rows overlap, which is how a convolution reads
    /// its k-sample windows straight from a (padded, channels-last) sequence: lda = channels, Depth = k·channels.
    /// </summary>
    internal static void GemmStrided(ReadOnlySpan<float> a, int lda, int rows, PackedMatrix b, Span<float> c)
    {
        Debug.Assert(rows > 0 && lda > 0);
        Debug.Assert(a.Length >= (long)(rows - 1) * lda + b.Depth);
        Debug.Assert(c.Length >= (long)rows * b.Columns);
        ref float output = ref MemoryMarshal.GetReference(c);
        ref float input = ref MemoryMarshal.GetReference(a);
        switch (b.Width)
        {
            case KernelWidth.Vector512:
                Tiles<Simd512, Vector512<float>, StoreProduct>(ref b.Bias[0], 0, b.PanelWidth, ref input, lda, b.Depth, rows, b, ref output, b.Columns, b.PanelWidth, ref output, 0, 0);
                break;
            case KernelWidth.Vector256:
                Tiles<Simd256, Vector256<float>, StoreProduct>(ref b.Bias[0], 0, b.PanelWidth, ref input, lda, b.Depth, rows, b, ref output, b.Columns, b.PanelWidth, ref output, 0, 0);
                break;
            default:
                Tiles<SimdScalar, float, StoreProduct>(ref b.Bias[0], 0, b.PanelWidth, ref input, lda, b.Depth, rows, b, ref output, b.Columns, b.PanelWidth, ref output, 0, 0);
                break;
        }
    }
}
