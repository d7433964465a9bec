namespace EcgStream.Model.Tests.Reference;

/// <summary>
/// Test oracle for <see cref="EcgStream.Model.Kernels.VectorMath"/>: plain loops accumulating in double, no vectors, no
/// packing, sharing no code with the kernels.
/// </summary>
internal static class ReferenceKernels
{
    /// <summary>1 / (1 + e⁻ˣ).</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>tanh x.</summary>
    public static double Tanh(double x) => Math.Tanh(x);

    /// <summary>Σ a[i]·b[i].</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    /// <summary>y = x·Wᵀ + b: x [rows, inputs], W [outputs, inputs], b [outputs] or empty; returns [rows, outputs].</summary>
    public static double[] Linear(ReadOnlySpan<float> x, int rows, ReadOnlySpan<float> weight, int outputs, int inputs, ReadOnlySpan<float> bias)
    {
        var y = new double[rows * outputs];
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < outputs; o++)
                y[r * outputs + o] = (bias.IsEmpty ? 0 : bias[o]) + Dot(x.Slice(r * inputs, inputs), weight.Slice(o * inputs, inputs));
        return y;
    }

    /// <summary>
    /// One LSTM step as nn.LSTM defines it, gates in order i, f, g, o: a = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh (the caller
    /// passes a_x = x·W_ihᵀ + b_ih + b_hh as <paramref name="inputGates"/>, [rows, 4H]); c' = σ(f)c + σ(i)tanh(g);
    /// h' = σ(o)tanh(c'). Updates <paramref name="cell"/> and <paramref name="h"/> ([rows, H]) in place.
    /// </summary>
    public static void LstmStep(ReadOnlySpan<double> inputGates, ReadOnlySpan<float> weightHh, int hidden, double[] cell, double[] h, int rows)
    {
        var next = new double[h.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int u = 0; u < hidden; u++)
            {
                var a = new double[4];
                for (int gate = 0; gate < 4; gate++)
                {
                    int row = gate * hidden + u;
                    double sum = inputGates[r * 4 * hidden + row];
                    for (int k = 0; k < hidden; k++) sum += weightHh[row * hidden + k] * h[r * hidden + k];
                    a[gate] = sum;
                }
                double c = Sigmoid(a[1]) * cell[r * hidden + u] + Sigmoid(a[0]) * Tanh(a[2]);
                cell[r * hidden + u] = c;
                next[r * hidden + u] = Sigmoid(a[3]) * Tanh(c);
            }
        }
        next.CopyTo(h, 0);
    }
}
