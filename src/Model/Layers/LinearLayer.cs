using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Layers;

/// <summary>
/// nn.Linear over rows, for training: y = x·Wᵀ + b for each of R rows (here every (step, beat) pair).
/// <see cref="Forward"/> keeps its input for <see cref="Backward"/>, which gives ∂L/∂x and adds ∂L/∂W, ∂L/∂b.
/// </summary>
internal sealed class LinearLayer
{
    // Parameters (live) and Wᵀ [I, O], refreshed by every Forward.
    private readonly LinearParameters _parameters;
    private readonly float[] _weightT;
    private readonly KernelWidth _width;

    // The input of the last Forward [R, I] and its row count.
    private float[] _input = [];
    private int _rows;

    /// <summary>Allocates every buffer for up to <paramref name="maxRows"/> rows; runs at <paramref name="width"/>.</summary>
    public LinearLayer(LinearParameters parameters, int maxRows, KernelWidth width)
    {
        _parameters = parameters;
        _width = width;
        _weightT = new float[parameters.InputSize * parameters.OutputSize];
        Output = new float[maxRows * parameters.OutputSize];
        InputGradient = new float[maxRows * parameters.InputSize];
    }

    /// <summary>y of the last Forward, [R, O].</summary>
    public float[] Output { get; }

    /// <summary>∂L/∂x of the last Backward, [R, I].</summary>
    public float[] InputGradient { get; }

    /// <summary>y = x·Wᵀ + b for <paramref name="rows"/> rows of <paramref name="input"/> [R, I].</summary>
    public void Forward(float[] input, int rows)
    {
        _input = input;
        _rows = rows;
        int o = _parameters.OutputSize, i = _parameters.InputSize;
        Elementwise.Transpose(_parameters.Weight, o, i, _weightT);
        for (int r = 0; r < rows; r++) _parameters.Bias.CopyTo(Output, r * o);
        MatrixProduct.Multiply(input, i, 1, _weightT, o, Output, o, rows, o, i, accumulate: true, _width);
    }

    /// <summary>dW += dyᵀ·x, db += Σ_rows dy, dx = dy·W, for <paramref name="outputGradient"/> dy [R, O].</summary>
    public void Backward(float[] outputGradient, LinearParameters gradients)
    {
        int o = _parameters.OutputSize, i = _parameters.InputSize;
        MatrixProduct.Multiply(outputGradient, 1, o, _input, i, gradients.Weight, i, o, i, _rows, accumulate: true, _width);
        Elementwise.AddRows(outputGradient.AsSpan(0, _rows * o), _rows, o, gradients.Bias);
        MatrixProduct.Multiply(outputGradient, o, 1, _parameters.Weight, i, InputGradient, i, _rows, i, o, accumulate: false, _width);
    }
}
