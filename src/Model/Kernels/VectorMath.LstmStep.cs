using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    /// <summary>
    /// One LSTM time step for a batch, as PyTorch nn.LSTM computes it, with the input part of the gates already done:
    /// <code>
    /// a  = gates + h·W_hhᵀ              gates = x_t·W_ihᵀ + b_ih + b_hh, [rows, 4·H]
    /// i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)
    /// c' = f⊙c + i⊙g                      h' = o⊙tanh(c')
    /// </code>
    /// Only h·W_hhᵀ depends on the previous step, so this is the one sequential product of the model; the micro-kernel
    /// finishes the cell update while the gates are still in registers, so no gate array is ever written.
    /// All arrays use the packed layout of <paramref name="recurrent"/>: H_p = recurrent.Columns / 4 hidden units per row
    /// (H rounded up to the lanes), gate columns interleaved per panel (<see cref="PackedMatrix"/>).
    /// </summary>
    /// <param name="gates">[rows, 4·H_p]: the input projection plus both biases, in packed column order.</param>
    /// <param name="hPrevious">[rows, H_p], or empty for h = 0 (the first step).</param>
    /// <param name="recurrent">W_hh packed with <see cref="PackedMatrix.PackLstmGates"/>; Depth = H_p.</param>
    /// <param name="cell">[rows, H_p]: c, updated in place.</param>
    /// <param name="h">[rows, H_p]: receives h'; must not overlap <paramref name="hPrevious"/>.</param>
    /// <param name="rows">Batch size; 0 does nothing.</param>
    public static void LstmStep(ReadOnlySpan<float> gates, ReadOnlySpan<float> hPrevious, PackedMatrix recurrent, Span<float> cell, Span<float> h, int rows)
    {
        ArgumentNullException.ThrowIfNull(recurrent);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int hidden = recurrent.Columns / 4;
        if (recurrent.Depth != hidden) throw new ArgumentException("recurrent must be a packed [4·H, H] matrix.", nameof(recurrent));
        long state = (long)rows * hidden;
        if (gates.Length < (long)rows * recurrent.Columns) throw new ArgumentException($"gates must hold {rows}·{recurrent.Columns} values.", nameof(gates));
        if (!hPrevious.IsEmpty && hPrevious.Length < state) throw new ArgumentException($"hPrevious must be empty or hold {state} values.", nameof(hPrevious));
        if (cell.Length < state) throw new ArgumentException($"cell must hold {state} values.", nameof(cell));
        if (h.Length < state) throw new ArgumentException($"Destination must hold {state} values.", nameof(h));
        if (rows == 0) return;
        switch (recurrent.Width)
        {
            case KernelWidth.Vector512: LstmStep512(gates, hPrevious, recurrent, cell, h, rows); break;
            case KernelWidth.Vector256: LstmStep256(gates, hPrevious, recurrent, cell, h, rows); break;
            default: LstmStepScalar(gates, hPrevious, recurrent, cell, h, rows); break;
        }
    }

    internal static void LstmStep512(ReadOnlySpan<float> gates, ReadOnlySpan<float> hPrevious, PackedMatrix recurrent, Span<float> cell, Span<float> h, int rows) =>
        LstmStep<Simd512, Vector512<float>>(gates, hPrevious, recurrent, cell, h, rows);

    internal static void LstmStep256(ReadOnlySpan<float> gates, ReadOnlySpan<float> hPrevious, PackedMatrix recurrent, Span<float> cell, Span<float> h, int rows) =>
        LstmStep<Simd256, Vector256<float>>(gates, hPrevious, recurrent, cell, h, rows);

    internal static void LstmStepScalar(ReadOnlySpan<float> gates, ReadOnlySpan<float> hPrevious, PackedMatrix recurrent, Span<float> cell, Span<float> h, int rows) =>
        LstmStep<SimdScalar, float>(gates, hPrevious, recurrent, cell, h, rows);

    private static void LstmStep<TWidth, TVector>(ReadOnlySpan<float> gates, ReadOnlySpan<float> hPrevious, PackedMatrix recurrent, Span<float> cell, Span<float> h, int rows)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        Debug.Assert((int)recurrent.Width == TWidth.Count && rows > 0);
        int hidden = recurrent.Depth;
        // With h = 0 the product vanishes: depth 0 leaves the gates as given.
        int depth = hPrevious.IsEmpty ? 0 : hidden;
        Tiles<TWidth, TVector, UpdateCell>(ref MemoryMarshal.GetReference(gates), recurrent.Columns, recurrent.PanelWidth,
            ref MemoryMarshal.GetReference(hPrevious), hidden, depth, rows, recurrent,
            ref MemoryMarshal.GetReference(h), hidden, recurrent.Lanes, ref MemoryMarshal.GetReference(cell), hidden, recurrent.Lanes);
    }
}
