using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    /// <summary>
    /// The register-blocked micro-kernel shared by <see cref="Gemm"/> and <see cref="LstmStep"/>: for R rows (1 or 4) and one
    /// panel of 4 vectors (V = lanes), out[r][v] = init[r][v] + Σ_k a[r][k] · panel[k][v]. Per k it loads the 4 panel vectors
    /// once and broadcasts each row's a[r][k], so 4·R FMAs share 4 + R loads; with R = 4 the 16 accumulators stay in registers
    /// and hide the FMA latency (4 cycles × 2 ports needs ≥ 8 independent chains).
    /// </summary>
    /// <param name="init">Row 0 of the initial values, [R][4V] with stride <paramref name="ldInit"/> (0: one row for all).</param>
    /// <param name="ldInit">Row stride of <paramref name="init"/>.</param>
    /// <param name="a">Row 0 of the left operand, [R][depth] with stride <paramref name="lda"/>.</param>
    /// <param name="lda">Row stride of <paramref name="a"/>.</param>
    /// <param name="depth">K; 0 copies the initial values.</param>
    /// <param name="panel">The panel, [depth][4V] contiguous.</param>
    /// <param name="dest">Row 0 of the output, [R][4V].</param>
    /// <param name="ldDest">Row stride of <paramref name="dest"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TWidth, TVector, TRows>(ref float init, nint ldInit, ref float a, nint lda, int depth,
        ref float panel, ref float dest, nint ldDest)
        where TWidth : ISimdWidth<TVector> where TVector : struct where TRows : ITileRows
    {
        // Nothing in this method calls out: a call would clobber every vector register, and the JIT would then keep
        // the accumulators on the stack inside the loop.
        nint v = TWidth.Count;
        TVector c00 = TWidth.Load(ref init, 0), c01 = TWidth.Load(ref init, v), c02 = TWidth.Load(ref init, 2 * v), c03 = TWidth.Load(ref init, 3 * v);
        TVector c10 = default, c11 = default, c12 = default, c13 = default;
        TVector c20 = default, c21 = default, c22 = default, c23 = default;
        TVector c30 = default, c31 = default, c32 = default, c33 = default;
        if (TRows.Count == 4)
        {
            ref float i1 = ref Unsafe.Add(ref init, ldInit);
            ref float i2 = ref Unsafe.Add(ref init, 2 * ldInit);
            ref float i3 = ref Unsafe.Add(ref init, 3 * ldInit);
            c10 = TWidth.Load(ref i1, 0); c11 = TWidth.Load(ref i1, v); c12 = TWidth.Load(ref i1, 2 * v); c13 = TWidth.Load(ref i1, 3 * v);
            c20 = TWidth.Load(ref i2, 0); c21 = TWidth.Load(ref i2, v); c22 = TWidth.Load(ref i2, 2 * v); c23 = TWidth.Load(ref i2, 3 * v);
            c30 = TWidth.Load(ref i3, 0); c31 = TWidth.Load(ref i3, v); c32 = TWidth.Load(ref i3, 2 * v); c33 = TWidth.Load(ref i3, 3 * v);
        }

        ref float b = ref panel;
        for (nint k = 0; k < depth; k++)
        {
            // Load the panel row once, then one broadcast and four FMAs per row.
            TVector b0 = TWidth.Load(ref b, 0), b1 = TWidth.Load(ref b, v), b2 = TWidth.Load(ref b, 2 * v), b3 = TWidth.Load(ref b, 3 * v);
            TVector x = TWidth.Create(Unsafe.Add(ref a, k));
            c00 = TWidth.MultiplyAdd(x, b0, c00); c01 = TWidth.MultiplyAdd(x, b1, c01); c02 = TWidth.MultiplyAdd(x, b2, c02); c03 = TWidth.MultiplyAdd(x, b3, c03);
            if (TRows.Count == 4)
            {
                x = TWidth.Create(Unsafe.Add(ref a, lda + k));
                c10 = TWidth.MultiplyAdd(x, b0, c10); c11 = TWidth.MultiplyAdd(x, b1, c11); c12 = TWidth.MultiplyAdd(x, b2, c12); c13 = TWidth.MultiplyAdd(x, b3, c13);
                x = TWidth.Create(Unsafe.Add(ref a, 2 * lda + k));
                c20 = TWidth.MultiplyAdd(x, b0, c20); c21 = TWidth.MultiplyAdd(x, b1, c21); c22 = TWidth.MultiplyAdd(x, b2, c22); c23 = TWidth.MultiplyAdd(x, b3, c23);
                x = TWidth.Create(Unsafe.Add(ref a, 3 * lda + k));
                c30 = TWidth.MultiplyAdd(x, b0, c30); c31 = TWidth.MultiplyAdd(x, b1, c31); c32 = TWidth.MultiplyAdd(x, b2, c32); c33 = TWidth.MultiplyAdd(x, b3, c33);
            }
            b = ref Unsafe.Add(ref b, 4 * v);
        }

        TWidth.Store(c00, ref dest, 0); TWidth.Store(c01, ref dest, v); TWidth.Store(c02, ref dest, 2 * v); TWidth.Store(c03, ref dest, 3 * v);
        if (TRows.Count == 4)
        {
            ref float d1 = ref Unsafe.Add(ref dest, ldDest);
            ref float d2 = ref Unsafe.Add(ref dest, 2 * ldDest);
            ref float d3 = ref Unsafe.Add(ref dest, 3 * ldDest);
            TWidth.Store(c10, ref d1, 0); TWidth.Store(c11, ref d1, v); TWidth.Store(c12, ref d1, 2 * v); TWidth.Store(c13, ref d1, 3 * v);
            TWidth.Store(c20, ref d2, 0); TWidth.Store(c21, ref d2, v); TWidth.Store(c22, ref d2, 2 * v); TWidth.Store(c23, ref d2, 3 * v);
            TWidth.Store(c30, ref d3, 0); TWidth.Store(c31, ref d3, v); TWidth.Store(c32, ref d3, 2 * v); TWidth.Store(c33, ref d3, 3 * v);
        }
    }

    /// <summary>
    /// Runs the micro-kernel over every panel of <paramref name="b"/> and every row: panels outer, so a panel is read
    /// from L2 once and stays in L1 while the row tiles (4 rows, then single rows for the rest) pass over it.
    /// <typeparamref name="TMode"/> says where a tile's product goes: straight to the output (GEMM), or to a 1 KB
    /// scratch block from which the LSTM cell update reads it while it is still in L1.
    /// </summary>
    private static void Tiles<TWidth, TVector, TMode>(ref float init, nint ldInit, nint initPanelStride,
        ref float a, nint lda, int depth, int rows, PackedMatrix b,
        ref float dest, nint ldDest, nint destPanelStride, ref float cell, nint ldCell, nint cellPanelStride)
        where TWidth : ISimdWidth<TVector> where TVector : struct where TMode : ITileMode
    {
        Span<float> scratch = stackalloc float[4 * 4 * Vector512<float>.Count];
        ref float product = ref MemoryMarshal.GetReference(scratch);
        nint productStride = b.PanelWidth;
        ref float data = ref b.Data[0];
        nint panelSize = (nint)b.Depth * b.PanelWidth;
        for (nint p = 0; p < b.Panels; p++)
        {
            ref float panel = ref Unsafe.Add(ref data, p * panelSize);
            ref float initP = ref Unsafe.Add(ref init, p * initPanelStride);
            ref float destP = ref Unsafe.Add(ref dest, p * destPanelStride);
            ref float cellP = ref Unsafe.Add(ref cell, p * cellPanelStride);
            nint r = 0;
            for (; r < rows;)
            {
                ref float initR = ref Unsafe.Add(ref initP, r * ldInit);
                ref float aR = ref Unsafe.Add(ref a, r * lda);
                ref float destR = ref Unsafe.Add(ref destP, r * ldDest);
                int tileRows = rows - r >= 4 ? 4 : 1;
                if (TMode.StoresProduct)
                {
                    if (tileRows == 4) Tile<TWidth, TVector, FourRows>(ref initR, ldInit, ref aR, lda, depth, ref panel, ref destR, ldDest);
                    else Tile<TWidth, TVector, OneRow>(ref initR, ldInit, ref aR, lda, depth, ref panel, ref destR, ldDest);
                }
                else
                {
                    if (tileRows == 4) Tile<TWidth, TVector, FourRows>(ref initR, ldInit, ref aR, lda, depth, ref panel, ref product, productStride);
                    else Tile<TWidth, TVector, OneRow>(ref initR, ldInit, ref aR, lda, depth, ref panel, ref product, productStride);
                    for (int t = 0; t < tileRows; t++)
                        TMode.Finish<TWidth, TVector>(ref Unsafe.Add(ref product, t * productStride),
                            ref Unsafe.Add(ref destR, t * ldDest), ref Unsafe.Add(ref cellP, (r + t) * ldCell));
                }
                r += tileRows;
            }
        }
    }

    /// <summary>How many rows a micro-kernel instance handles; a type so the JIT compiles each count separately.</summary>
    private interface ITileRows
    {
        static abstract int Count { get; }
    }

    private readonly struct OneRow : ITileRows
    {
        public static int Count => 1;
    }

    private readonly struct FourRows : ITileRows
    {
        public static int Count => 4;
    }

    /// <summary>What happens to a tile's product.</summary>
    private interface ITileMode
    {
        /// <summary>True: the tile writes the product to the output itself and <see cref="Finish"/> is not called.</summary>
        static abstract bool StoresProduct { get; }

        /// <summary>Turns one row of a tile's product, [4V] at <paramref name="product"/>, into output.</summary>
        static abstract void Finish<TWidth, TVector>(ref float product, ref float dest, ref float cell)
            where TWidth : ISimdWidth<TVector> where TVector : struct;
    }

    /// <summary>GEMM: the product is the output.</summary>
    private readonly struct StoreProduct : ITileMode
    {
        public static bool StoresProduct => true;

        public static void Finish<TWidth, TVector>(ref float product, ref float dest, ref float cell)
            where TWidth : ISimdWidth<TVector> where TVector : struct => throw new UnreachableException();
    }

    /// <summary>
    /// LSTM: the product row is the pre-activations of gates i, f, g, o for V hidden units (see
    /// <see cref="PackedMatrix.PackLstmGates"/>); c' = σ(f)⊙c + σ(i)⊙tanh(g), h' = σ(o)⊙tanh(c').
    /// </summary>
    private readonly struct UpdateCell : ITileMode
    {
        public static bool StoresProduct => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Finish<TWidth, TVector>(ref float product, ref float dest, ref float cell)
            where TWidth : ISimdWidth<TVector> where TVector : struct
        {
            nint v = TWidth.Count;
            // i, f, g, o with the gate forms of σ and tanh: absolute error ≤ ~1e-7 (VectorMath.GateSigmoid, VectorMath.GateTanh),
            // about a quarter fewer instructions than the relatively accurate Sigmoid and Tanh; the activations are about
            // an eighth of the engine's time.
            var i = GateSigmoid<TWidth, TVector>(TWidth.Load(ref product, 0));
            var f = GateSigmoid<TWidth, TVector>(TWidth.Load(ref product, v));
            var g = GateTanh<TWidth, TVector>(TWidth.Load(ref product, 2 * v));
            var o = GateSigmoid<TWidth, TVector>(TWidth.Load(ref product, 3 * v));
            // c' = f⊙c + i⊙g;  h' = o⊙tanh(c')
            var c = TWidth.MultiplyAdd(f, TWidth.Load(ref cell, 0), TWidth.Multiply(i, g));
            TWidth.Store(c, ref cell, 0);
            TWidth.Store(TWidth.Multiply(o, GateTanh<TWidth, TVector>(c)), ref dest, 0);
        }
    }
}
