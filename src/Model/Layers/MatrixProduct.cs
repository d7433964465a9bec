using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Layers;

/// <summary>
/// The matrix product training needs: C[M,N] (+)= A[M,K]·B[K,N] with B and C row-major and A read through
/// strides, so one routine serves x·Wᵀ (weights pre-transposed), da·W (A row-major) and daᵀ·x (A transposed).
/// </summary>
/// <remarks>
/// A is packed into blocks of 4 rows ([K][4], zero-padded), so the micro-kernel reads A contiguously whatever its
/// strides; a transposed A whose rows fill whole blocks is read in place instead. The micro-kernel keeps a 4 × 4V tile
/// of C in 16 vector registers (V = lanes of the <see cref="KernelWidth"/>; 4 × 64 at Vector512): per k it loads 4
/// vectors of B's row k, broadcasts 4 values of A and does 16 fused multiply-adds. Columns left over after the 4V-wide
/// blocks go through a 4 × V kernel, then a scalar loop. Every C element is summed over k in increasing order, so
/// results do not depend on threads; they do depend on the width (which columns take the vector path).
/// </remarks>
internal static unsafe class MatrixProduct
{
    /// <summary>Rows of A (and C) handled by one micro-kernel call.</summary>
    private const int RowBlock = 4;

    /// <summary>Rows of B walked per pass: a 256 × 64 panel of B (64 KB at Vector512) stays in L2 while every row block of A uses it.</summary>
    private const int DepthBlock = 256;

    /// <summary>Packed copy of A for the calling thread, grown on demand and reused.</summary>
    [ThreadStatic]
    private static float[]? t_packed;

    /// <summary>C[m,n] = (accumulate ? C[m,n] : 0) + Σ_k A(m,k)·B[k,n], with A(m,k) = a[m·aRowStride + k·aColStride].</summary>
    /// <param name="a">A, read through the strides.</param>
    /// <param name="aRowStride">Distance in <paramref name="a"/> between A(m,k) and A(m+1,k).</param>
    /// <param name="aColStride">Distance in <paramref name="a"/> between A(m,k) and A(m,k+1).</param>
    /// <param name="b">B, row-major with row length <paramref name="ldb"/>.</param>
    /// <param name="ldb">Distance between rows of B.</param>
    /// <param name="c">C, row-major with row length <paramref name="ldc"/>.</param>
    /// <param name="ldc">Distance between rows of C.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <param name="width">The vector width the micro-kernels run at.</param>
    public static void Multiply(
        ReadOnlySpan<float> a, int aRowStride, int aColStride,
        ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc,
        int m, int n, int k, bool accumulate, KernelWidth width)
    {
        switch (width)
        {
            case KernelWidth.Vector512: Multiply<Simd512, Vector512<float>>(a, aRowStride, aColStride, b, ldb, c, ldc, m, n, k, accumulate); break;
            case KernelWidth.Vector256: Multiply<Simd256, Vector256<float>>(a, aRowStride, aColStride, b, ldb, c, ldc, m, n, k, accumulate); break;
            default: Multiply<SimdScalar, float>(a, aRowStride, aColStride, b, ldb, c, ldc, m, n, k, accumulate); break;
        }
    }

    /// <summary><see cref="Multiply"/> at one width.</summary>
    private static void Multiply<TWidth, TVector>(
        ReadOnlySpan<float> a, int aRowStride, int aColStride,
        ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc,
        int m, int n, int k, bool accumulate)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        // Columns of B (and C) per wide micro-kernel call (four vectors) and per narrow call (one).
        int wideColumns = 4 * TWidth.Count, narrowColumns = TWidth.Count;
        if (m == 0 || n == 0) return;
        Debug.Assert(k == 0 || a.Length >= (long)(m - 1) * aRowStride + (long)(k - 1) * aColStride + 1);
        Debug.Assert(k == 0 || b.Length >= (long)(k - 1) * ldb + n);
        Debug.Assert(c.Length >= (long)(m - 1) * ldc + n);
        if (!accumulate)
        {
            for (int row = 0; row < m; row++) c.Slice(row * ldc, n).Clear();
        }
        if (k == 0) return;

        int blocks = (m + RowBlock - 1) / RowBlock;

        // When A is transposed (A(m..m+3, p) already adjacent) and M fills whole row blocks, which holds for every
        // weight gradient daᵀ·x (M = 4·H), the kernels read A in place: aStep floats from one k to the next.
        bool inPlace = aRowStride == 1 && m % RowBlock == 0;
        float[] packed = inPlace ? [] : PackedBuffer(blocks * k * RowBlock);
        long aStep = inPlace ? aColStride : RowBlock;
        fixed (float* pa = a, pb = b, pc = c, pp = packed)
        {
            if (!inPlace) Pack(pa, aRowStride, aColStride, m, k, pp);
            for (int p0 = 0; p0 < k; p0 += DepthBlock)
            {
                int depth = Math.Min(DepthBlock, k - p0);
                float* bRows = pb + (long)p0 * ldb;
                int j = 0;
                for (; j + wideColumns <= n; j += wideColumns)
                {
                    for (int block = 0; block < blocks; block++)
                    {
                        int row = block * RowBlock;
                        KernelWide<TWidth, TVector>(BlockStart(pa, pp, inPlace, block, k, p0, aStep), aStep, bRows + j, ldb, pc + (long)row * ldc + j, ldc, depth, Math.Min(RowBlock, m - row));
                    }
                }
                for (; j + narrowColumns <= n; j += narrowColumns)
                {
                    for (int block = 0; block < blocks; block++)
                    {
                        int row = block * RowBlock;
                        KernelNarrow<TWidth, TVector>(BlockStart(pa, pp, inPlace, block, k, p0, aStep), aStep, bRows + j, ldb, pc + (long)row * ldc + j, ldc, depth, Math.Min(RowBlock, m - row));
                    }
                }
            }
            int tail = n - n % narrowColumns;
            if (inPlace)
            {
                // Columns of A are contiguous here, so walk k outermost and run down a whole column of A at a time
                // (the first encoder layer's dW_ih, N = 1, would otherwise stride through A once per row).
                for (int j = tail; j < n; j++) AddColumnProducts<TWidth, TVector>(pa, aColStride, pb + j, ldb, pc + j, ldc, m, k);
                return;
            }
            for (int j = tail; j < n; j++)
            {
                for (int row = 0; row < m; row++)
                {
                    float* ap = BlockStart(pa, pp, inPlace, row / RowBlock, k, 0, aStep) + row % RowBlock;
                    float sum = 0f;
                    for (int p = 0; p < k; p++) sum = MathF.FusedMultiplyAdd(ap[p * aStep], pb[(long)p * ldb + j], sum);
                    pc[(long)row * ldc + j] += sum;
                }
            }
        }
    }

    /// <summary>C[row, 0] += Σ_p a[p·aColStride + row] · b[p·ldb] for every row, p outermost.</summary>
    private static void AddColumnProducts<TWidth, TVector>(float* a, long aColStride, float* b, int ldb, float* c, int ldc, int m, int k)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        int count = TWidth.Count;
        for (int p = 0; p < k; p++)
        {
            float* column = a + p * aColStride;
            float bValue = b[(long)p * ldb];
            int row = 0;
            if (ldc == 1)
            {
                var broadcast = TWidth.Create(bValue);
                for (; row + count <= m; row += count) TWidth.Store(TWidth.MultiplyAdd(TWidth.Load(ref *column, row), broadcast, TWidth.Load(ref *c, row)), ref *c, row);
            }
            for (; row < m; row++) c[(long)row * ldc] = MathF.FusedMultiplyAdd(column[row], bValue, c[(long)row * ldc]);
        }
    }

    /// <summary>Where row block <paramref name="block"/> of A starts at depth <paramref name="p0"/>, in A itself or in the packed copy.</summary>
    private static float* BlockStart(float* a, float* packed, bool inPlace, int block, int k, int p0, long aStep) =>
        inPlace ? a + (long)block * RowBlock + p0 * aStep : packed + ((long)block * k + p0) * RowBlock;

    private static float[] PackedBuffer(int length)
    {
        if (t_packed is null || t_packed.Length < length) t_packed = new float[Math.Max(length, 1 << 16)];
        return t_packed;
    }

    /// <summary>packed[(block·K + p)·4 + r] = A(block·4 + r, p), zero for rows past M. Reads A in memory order.</summary>
    private static void Pack(float* a, int rowStride, int colStride, int m, int k, float* packed)
    {
        int blocks = (m + RowBlock - 1) / RowBlock;
        if (m % RowBlock != 0) new Span<float>(packed + (long)(blocks - 1) * k * RowBlock, k * RowBlock).Clear();
        if (rowStride <= colStride)
        {
            // A transposed (a column of A is contiguous): take 64 rows at a time and walk k inside, so each cache line
            // of A is read once and only 16 packed blocks are written at a time.
            for (int row0 = 0; row0 < m; row0 += 16 * RowBlock)
            {
                int rows = Math.Min(16 * RowBlock, m - row0);
                for (int p = 0; p < k; p++)
                {
                    float* src = a + (long)p * colStride + (long)row0 * rowStride;
                    for (int r = 0; r < rows; r++)
                    {
                        int row = row0 + r;
                        packed[((long)(row / RowBlock) * k + p) * RowBlock + row % RowBlock] = src[(long)r * rowStride];
                    }
                }
            }
            return;
        }
        for (int row = 0; row < m; row++)
        {
            float* src = a + (long)row * rowStride;
            float* dst = packed + (long)(row / RowBlock) * k * RowBlock + row % RowBlock;
            for (int p = 0; p < k; p++) dst[p * RowBlock] = src[(long)p * colStride];
        }
    }

    /// <summary>C[0..rows, 0..4V] += Σ_p ap[p·aStep + r] · B[p, 0..4V], V = TWidth.Count.</summary>
    private static void KernelWide<TWidth, TVector>(float* ap, long aStep, float* bp, int ldb, float* cp, int ldc, int k, int rows)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        nint v = TWidth.Count;
        TVector c00 = default, c01 = default, c02 = default, c03 = default;
        TVector c10 = default, c11 = default, c12 = default, c13 = default;
        TVector c20 = default, c21 = default, c22 = default, c23 = default;
        TVector c30 = default, c31 = default, c32 = default, c33 = default;
        for (int p = 0; p < k; p++, ap += aStep, bp += ldb)
        {
            // Load B's row p once, then one broadcast of A and four FMAs per row of the tile.
            TVector b0 = TWidth.Load(ref *bp, 0), b1 = TWidth.Load(ref *bp, v), b2 = TWidth.Load(ref *bp, 2 * v), b3 = TWidth.Load(ref *bp, 3 * v);
            var a0 = TWidth.Create(ap[0]);
            c00 = TWidth.MultiplyAdd(a0, b0, c00); c01 = TWidth.MultiplyAdd(a0, b1, c01); c02 = TWidth.MultiplyAdd(a0, b2, c02); c03 = TWidth.MultiplyAdd(a0, b3, c03);
            var a1 = TWidth.Create(ap[1]);
            c10 = TWidth.MultiplyAdd(a1, b0, c10); c11 = TWidth.MultiplyAdd(a1, b1, c11); c12 = TWidth.MultiplyAdd(a1, b2, c12); c13 = TWidth.MultiplyAdd(a1, b3, c13);
            var a2 = TWidth.Create(ap[2]);
            c20 = TWidth.MultiplyAdd(a2, b0, c20); c21 = TWidth.MultiplyAdd(a2, b1, c21); c22 = TWidth.MultiplyAdd(a2, b2, c22); c23 = TWidth.MultiplyAdd(a2, b3, c23);
            var a3 = TWidth.Create(ap[3]);
            c30 = TWidth.MultiplyAdd(a3, b0, c30); c31 = TWidth.MultiplyAdd(a3, b1, c31); c32 = TWidth.MultiplyAdd(a3, b2, c32); c33 = TWidth.MultiplyAdd(a3, b3, c33);
        }
        AddRow<TWidth, TVector>(cp, c00, c01, c02, c03);
        if (rows > 1) AddRow<TWidth, TVector>(cp + ldc, c10, c11, c12, c13);
        if (rows > 2) AddRow<TWidth, TVector>(cp + 2L * ldc, c20, c21, c22, c23);
        if (rows > 3) AddRow<TWidth, TVector>(cp + 3L * ldc, c30, c31, c32, c33);
    }

    /// <summary>C[0..rows, 0..V] += Σ_p ap[p·aStep + r] · B[p, 0..V].</summary>
    private static void KernelNarrow<TWidth, TVector>(float* ap, long aStep, float* bp, int ldb, float* cp, int ldc, int k, int rows)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        TVector c0 = default, c1 = default, c2 = default, c3 = default;
        for (int p = 0; p < k; p++, ap += aStep, bp += ldb)
        {
            var b0 = TWidth.Load(ref *bp, 0);
            c0 = TWidth.MultiplyAdd(TWidth.Create(ap[0]), b0, c0);
            c1 = TWidth.MultiplyAdd(TWidth.Create(ap[1]), b0, c1);
            c2 = TWidth.MultiplyAdd(TWidth.Create(ap[2]), b0, c2);
            c3 = TWidth.MultiplyAdd(TWidth.Create(ap[3]), b0, c3);
        }
        AddTo<TWidth, TVector>(cp, c0);
        if (rows > 1) AddTo<TWidth, TVector>(cp + ldc, c1);
        if (rows > 2) AddTo<TWidth, TVector>(cp + 2L * ldc, c2);
        if (rows > 3) AddTo<TWidth, TVector>(cp + 3L * ldc, c3);
    }

    /// <summary>row[0..4V] += v0 ‖ v1 ‖ v2 ‖ v3.</summary>
    private static void AddRow<TWidth, TVector>(float* row, TVector v0, TVector v1, TVector v2, TVector v3)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        int v = TWidth.Count;
        AddTo<TWidth, TVector>(row, v0);
        AddTo<TWidth, TVector>(row + v, v1);
        AddTo<TWidth, TVector>(row + 2 * v, v2);
        AddTo<TWidth, TVector>(row + 3 * v, v3);
    }

    /// <summary>destination[0..V] += value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<TWidth, TVector>(float* destination, TVector value) where TWidth : ISimdWidth<TVector> where TVector : struct =>
        TWidth.Store(TWidth.Add(TWidth.Load(ref *destination, 0), value), ref *destination, 0);
}
