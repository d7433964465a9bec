using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace EcgStream.Model.Layers;

/// <summary>
/// The matrix product training needs: C[M,N] (+)= A[M,K]·B[K,N] with B and C row-major and A read through
/// strides, so one routine serves x·Wᵀ (weights pre-transposed), da·W (A row-major) and daᵀ·x (A transposed).
/// </summary>
/// <remarks>
/// A is packed into blocks of 4 rows ([K][4], zero-padded), so the micro-kernel reads A contiguously whatever its
/// strides; a transposed A whose rows fill whole blocks is read in place instead. The micro-kernel keeps a 4 × 64 tile of C in 16 Vector512 registers: per k it loads 4 vectors of B's
/// row k, broadcasts 4 values of A and does 16 fused multiply-adds. Columns left over after the 64-wide blocks
/// go through a 4 × 16 kernel, then a scalar loop. Every C element is summed over k in increasing order, so
/// results do not depend on threads. Vector512 is assumed accelerated (it is on the AVX-512 machines we run on);
/// without acceleration the same code runs, slowly.
/// </remarks>
internal static unsafe class MatrixProduct
{
    /// <summary>Rows of A (and C) handled by one micro-kernel call.</summary>
    private const int RowBlock = 4;

    /// <summary>Columns of B (and C) handled by one wide micro-kernel call: four Vector512.</summary>
    private const int WideColumns = 64;

    /// <summary>Columns handled by the narrow micro-kernel: one Vector512.</summary>
    private const int NarrowColumns = 16;

    /// <summary>Rows of B walked per pass: a 256 × 64 panel of B (64 KB) stays in L2 while every row block of A uses it.</summary>
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
    public static void Multiply(
        ReadOnlySpan<float> a, int aRowStride, int aColStride,
        ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc,
        int m, int n, int k, bool accumulate)
    {
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
                for (; j + WideColumns <= n; j += WideColumns)
                {
                    for (int block = 0; block < blocks; block++)
                    {
                        int row = block * RowBlock;
                        Kernel4x64(BlockStart(pa, pp, inPlace, block, k, p0, aStep), aStep, bRows + j, ldb, pc + (long)row * ldc + j, ldc, depth, Math.Min(RowBlock, m - row));
                    }
                }
                for (; j + NarrowColumns <= n; j += NarrowColumns)
                {
                    for (int block = 0; block < blocks; block++)
                    {
                        int row = block * RowBlock;
                        Kernel4x16(BlockStart(pa, pp, inPlace, block, k, p0, aStep), aStep, bRows + j, ldb, pc + (long)row * ldc + j, ldc, depth, Math.Min(RowBlock, m - row));
                    }
                }
            }
            int tail = n - n % NarrowColumns;
            if (inPlace)
            {
                // Columns of A are contiguous here, so walk k outermost and run down a whole column of A at a time
                // (the first encoder layer's dW_ih, N = 1, would otherwise stride through A once per row).
                for (int j = tail; j < n; j++) AddColumnProducts(pa, aColStride, pb + j, ldb, pc + j, ldc, m, k);
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
    private static void AddColumnProducts(float* a, long aColStride, float* b, int ldb, float* c, int ldc, int m, int k)
    {
        for (int p = 0; p < k; p++)
        {
            float* column = a + p * aColStride;
            float bValue = b[(long)p * ldb];
            int row = 0;
            if (ldc == 1)
            {
                var broadcast = Vector512.Create(bValue);
                for (; row + 16 <= m; row += 16) Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Load(column + row), broadcast, Vector512.Load(c + row)), c + row);
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

    /// <summary>C[0..rows, 0..64] += Σ_p ap[p·aStep + r] · B[p, 0..64].</summary>
    private static void Kernel4x64(float* ap, long aStep, float* bp, int ldb, float* cp, int ldc, int k, int rows)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        for (int p = 0; p < k; p++, ap += aStep, bp += ldb)
        {
            // Load B's row p once, then one broadcast of A and four FMAs per row of the tile.
            var b0 = Vector512.Load(bp);
            var b1 = Vector512.Load(bp + 16);
            var b2 = Vector512.Load(bp + 32);
            var b3 = Vector512.Load(bp + 48);
            var a0 = Vector512.Create(ap[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(a0, b2, c02); c03 = Vector512.FusedMultiplyAdd(a0, b3, c03);
            var a1 = Vector512.Create(ap[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(a1, b2, c12); c13 = Vector512.FusedMultiplyAdd(a1, b3, c13);
            var a2 = Vector512.Create(ap[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(a2, b2, c22); c23 = Vector512.FusedMultiplyAdd(a2, b3, c23);
            var a3 = Vector512.Create(ap[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(a3, b2, c32); c33 = Vector512.FusedMultiplyAdd(a3, b3, c33);
        }
        AddRow(cp, c00, c01, c02, c03);
        if (rows > 1) AddRow(cp + ldc, c10, c11, c12, c13);
        if (rows > 2) AddRow(cp + 2L * ldc, c20, c21, c22, c23);
        if (rows > 3) AddRow(cp + 3L * ldc, c30, c31, c32, c33);
    }

    /// <summary>C[0..rows, 0..16] += Σ_p ap[p·aStep + r] · B[p, 0..16].</summary>
    private static void Kernel4x16(float* ap, long aStep, float* bp, int ldb, float* cp, int ldc, int k, int rows)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (int p = 0; p < k; p++, ap += aStep, bp += ldb)
        {
            var b0 = Vector512.Load(bp);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(ap[0]), b0, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(ap[1]), b0, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(ap[2]), b0, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(ap[3]), b0, c3);
        }
        Vector512.Store(Vector512.Load(cp) + c0, cp);
        if (rows > 1) Vector512.Store(Vector512.Load(cp + ldc) + c1, cp + ldc);
        if (rows > 2) Vector512.Store(Vector512.Load(cp + 2L * ldc) + c2, cp + 2L * ldc);
        if (rows > 3) Vector512.Store(Vector512.Load(cp + 3L * ldc) + c3, cp + 3L * ldc);
    }

    private static void AddRow(float* row, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        Vector512.Store(Vector512.Load(row) + v0, row);
        Vector512.Store(Vector512.Load(row + 16) + v1, row + 16);
        Vector512.Store(Vector512.Load(row + 32) + v2, row + 32);
        Vector512.Store(Vector512.Load(row + 48) + v3, row + 48);
    }
}
