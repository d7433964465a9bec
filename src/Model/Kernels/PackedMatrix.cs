namespace EcgStream.Model.Kernels;

/// <summary>
/// A weight matrix W [N, K] (the nn.Linear / nn.LSTM layout, used as y = x·Wᵀ + b) repacked once for the GEMM
/// micro-kernel at one <see cref="KernelWidth"/>. The N output columns are grouped into panels of 4·lanes; each panel
/// is stored contiguously as [K][4·lanes], so the micro-kernel reads it front to back and one panel stays in L1
/// while every row tile of the left operand passes over it. Columns past N and depth rows past K are zero.
/// </summary>
public sealed class PackedMatrix
{
    private PackedMatrix(KernelWidth width, int depth, int panels)
    {
        Width = width;
        Depth = depth;
        Panels = panels;
        Data = new float[(long)panels * PanelWidth * depth];
        Bias = new float[panels * PanelWidth];
    }

    /// <summary>The width the layout is for; the GEMM runs at this width.</summary>
    public KernelWidth Width { get; }

    /// <summary>Floats per vector at <see cref="Width"/>.</summary>
    public int Lanes => (int)Width;

    /// <summary>Columns per panel: 4 vectors, the micro-kernel's register block.</summary>
    public int PanelWidth => 4 * Lanes;

    /// <summary>K: the length of each input row (including zero padding).</summary>
    public int Depth { get; }

    /// <summary>Number of panels.</summary>
    public int Panels { get; }

    /// <summary>Output columns of a product with this matrix, N rounded up to whole panels.</summary>
    public int Columns => Panels * PanelWidth;

    /// <summary>[Panels][Depth][PanelWidth].</summary>
    internal float[] Data { get; }

    /// <summary>[Columns]: the bias added to every output row, in packed column order.</summary>
    internal float[] Bias { get; }

    /// <summary>
    /// Packs <paramref name="weight"/> [<paramref name="outputs"/>, <paramref name="inputs"/>] for y = x·Wᵀ + b:
    /// output column j of a product is weight row j (j &lt; outputs), zero beyond.
    /// </summary>
    /// <param name="weight">Row-major [outputs, inputs].</param>
    /// <param name="outputs">N: rows of <paramref name="weight"/>.</param>
    /// <param name="inputs">K: columns of <paramref name="weight"/>.</param>
    /// <param name="bias">Empty (no bias) or [outputs].</param>
    /// <param name="width">The width the product will run at.</param>
    public static PackedMatrix Pack(ReadOnlySpan<float> weight, int outputs, int inputs, ReadOnlySpan<float> bias, KernelWidth width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        CheckWidth(width);
        if (weight.Length != outputs * inputs) throw new ArgumentException($"weight must hold {outputs}·{inputs} values.", nameof(weight));
        if (!bias.IsEmpty && bias.Length != outputs) throw new ArgumentException($"bias must be empty or hold {outputs} values.", nameof(bias));

        int panelWidth = 4 * (int)width;
        var packed = new PackedMatrix(width, inputs, (outputs + panelWidth - 1) / panelWidth);
        for (int j = 0; j < outputs; j++)
        {
            packed.SetColumn(j, weight.Slice(j * inputs, inputs));
            if (!bias.IsEmpty) packed.Bias[j] = bias[j];
        }
        return packed;
    }

    /// <summary>
    /// Packs one of an LSTM's weight matrices, [4·H, K] in PyTorch's gate order i, f, g, o, so that panel p holds
    /// the four gates of hidden units [p·lanes, (p+1)·lanes): columns i(lanes), f(lanes), g(lanes), o(lanes).
    /// One micro-kernel tile then has all four gates of its units in registers and can finish the cell update there.
    /// Hidden units are padded to H_p = H rounded up to lanes; padded units get zero weights and bias, which keeps
    /// their c and h at exactly 0 (c' = σ(0)·0 + σ(0)·tanh(0) = 0).
    /// </summary>
    /// <param name="weight">weight_ih_l0 [4·H, inputs] or weight_hh_l0 [4·H, H].</param>
    /// <param name="hidden">H.</param>
    /// <param name="inputs">Columns of <paramref name="weight"/>.</param>
    /// <param name="depth">K of the packed matrix, ≥ inputs: the padded length of the input rows it will be multiplied with.</param>
    /// <param name="biasIh">Empty or bias_ih_l0 [4·H].</param>
    /// <param name="biasHh">Empty or bias_hh_l0 [4·H]; the packed bias is their sum.</param>
    /// <param name="width">The width the step will run at.</param>
    internal static PackedMatrix PackLstmGates(ReadOnlySpan<float> weight, int hidden, int inputs, int depth,
        ReadOnlySpan<float> biasIh, ReadOnlySpan<float> biasHh, KernelWidth width)
    {
        int lanes = (int)width;
        var packed = new PackedMatrix(width, depth, (hidden + lanes - 1) / lanes);
        for (int gate = 0; gate < 4; gate++)
        {
            for (int unit = 0; unit < hidden; unit++)
            {
                int source = gate * hidden + unit;
                int column = (unit / lanes) * 4 * lanes + gate * lanes + unit % lanes;
                packed.SetColumn(column, weight.Slice(source * inputs, inputs));
                if (!biasIh.IsEmpty) packed.Bias[column] += biasIh[source];
                if (!biasHh.IsEmpty) packed.Bias[column] += biasHh[source];
            }
        }
        return packed;
    }

    /// <summary>Throws unless <paramref name="width"/> is a defined width.</summary>
    internal static void CheckWidth(KernelWidth width)
    {
        if (width is not (KernelWidth.Scalar or KernelWidth.Vector256 or KernelWidth.Vector512))
            throw new ArgumentOutOfRangeException(nameof(width), width, "Unknown kernel width.");
    }

    private void SetColumn(int column, ReadOnlySpan<float> values)
    {
        int panel = column / PanelWidth;
        int offset = column % PanelWidth;
        long start = (long)panel * Depth * PanelWidth + offset;
        for (int k = 0; k < values.Length; k++) Data[start + (long)k * PanelWidth] = values[k];
    }
}
