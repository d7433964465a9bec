using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Layers;

/// <summary>
/// nn.Conv1d (stride 1) over a batch, for training and inference: y[b, t, o] = bias[o] + Σ_c Σ_j W[o, c, j]·x[b, t + j − padding, c],
/// x zero outside [0, L). Activations are channels-last: element (b, t, c) of a [B, L, C] buffer is at (b·L + t)·C + c.
/// </summary>
/// <remarks>
/// Each sample is kept with <c>padding</c> zero rows on both sides, [B, L + 2p, C_in]. In that buffer the k·C_in inputs of
/// output row (b, t) are one contiguous run starting at row b·(L + 2p) + t, so the whole batch is one matrix product with
/// A read in place through a row stride of C_in (no im2col): [M, k·C_in] × [k·C_in, C_out] with M = B·(L + 2p) − (k − 1).
/// The k − 1 rows between samples straddle two samples; they are computed and dropped. The weight is used in (j, c)
/// column order, W'[o, j·C_in + c] = W[o, c, j], to match that run. Call <see cref="RefreshWeights"/> after the
/// parameters change (training: before every Forward).
/// </remarks>
internal sealed class Conv1dLayer
{
    // Parameters (live) and sizes.
    private readonly Conv1dParameters _parameters;
    private readonly int _inputChannels, _outputChannels, _kernel, _padding;
    private readonly int _length, _paddedLength, _depth;
    private readonly KernelWidth _width;

    // W' [C_out, k·C_in] in (j, c) column order, and its transpose [k·C_in, C_out], refreshed by RefreshWeights.
    private readonly float[] _weight;
    private readonly float[] _weightT;

    // The padded input [B, L + 2p, C_in] (pad rows stay zero), the raw product [M, C_out] (then ∂L/∂raw in Backward),
    // ∂L/∂W' [C_out, k·C_in] and ∂L/∂(input runs) [M, k·C_in].
    private readonly float[] _padded;
    private readonly float[] _raw;
    private readonly float[] _weightGradient;
    private readonly float[] _columnGradient;
    private int _batch;

    /// <summary>Allocates every buffer for sequences of <paramref name="length"/> steps and up to <paramref name="maxBatch"/> samples; runs at <paramref name="width"/>.</summary>
    public Conv1dLayer(Conv1dParameters parameters, int length, int padding, int maxBatch, KernelWidth width)
    {
        _parameters = parameters;
        _width = width;
        _inputChannels = parameters.InputChannels;
        _outputChannels = parameters.OutputChannels;
        _kernel = parameters.KernelSize;
        _padding = padding;
        _length = length;
        _paddedLength = length + 2 * padding;
        OutputLength = _paddedLength - _kernel + 1;
        if (OutputLength < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "Shorter than the kernel.");
        _depth = _kernel * _inputChannels;
        int maxRows = maxBatch * _paddedLength - (_kernel - 1);
        _weight = new float[_outputChannels * _depth];
        _weightT = new float[_depth * _outputChannels];
        _padded = new float[maxBatch * _paddedLength * _inputChannels];
        _raw = new float[maxRows * _outputChannels];
        _weightGradient = new float[_outputChannels * _depth];
        _columnGradient = new float[maxRows * _depth];
        Output = new float[maxBatch * OutputLength * _outputChannels];
        InputGradient = new float[maxBatch * length * _inputChannels];
        RefreshWeights();
    }

    /// <summary>Steps of the output: L + 2·padding − k + 1.</summary>
    public int OutputLength { get; }

    /// <summary>y of the last Forward, [B, L_out, C_out].</summary>
    public float[] Output { get; }

    /// <summary>∂L/∂x of the last Backward, [B, L, C_in].</summary>
    public float[] InputGradient { get; }

    /// <summary>Re-reads the weight from the parameters into the (j, c)-ordered copies the products use.</summary>
    public void RefreshWeights()
    {
        _parameters.CopyWeightInWindowOrder(_weight);
        Elementwise.Transpose(_weight, _outputChannels, _depth, _weightT);
    }

    /// <summary>y = conv(x) + b for <paramref name="batch"/> samples of <paramref name="input"/> [B, L, C_in].</summary>
    public void Forward(ReadOnlySpan<float> input, int batch)
    {
        _batch = batch;
        int sampleInput = _length * _inputChannels;
        for (int b = 0; b < batch; b++)
            input.Slice(b * sampleInput, sampleInput).CopyTo(_padded.AsSpan((b * _paddedLength + _padding) * _inputChannels));

        int rows = Rows(batch);
        MatrixProduct.Multiply(_padded, _inputChannels, 1, _weightT, _outputChannels, _raw, _outputChannels, rows, _outputChannels, _depth, accumulate: false, _width);

        // Keep the rows that belong to one sample, adding the bias on the way.
        int outputRow = OutputLength * _outputChannels;
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < OutputLength; t++)
            {
                var source = _raw.AsSpan((b * _paddedLength + t) * _outputChannels, _outputChannels);
                var destination = Output.AsSpan(b * outputRow + t * _outputChannels, _outputChannels);
                Elementwise.Sum(source, _parameters.Bias, destination);
            }
        }
    }

    /// <summary>
    /// dW' = dRawᵀ·A (A the padded input runs), db += Σ dy, and when asked dx: the runs' gradient dRaw·W' added back onto
    /// the inputs each run covers (dx[b, s] = Σ_j dRuns[b·(L+2p) + s + p − j, j-th block]).
    /// </summary>
    /// <param name="outputGradient">∂L/∂y, [B, L_out, C_out].</param>
    /// <param name="gradients">Where ∂L/∂W and ∂L/∂b are added.</param>
    /// <param name="computeInputGradient">Whether to fill <see cref="InputGradient"/> (the first layer's input is data).</param>
    public void Backward(ReadOnlySpan<float> outputGradient, Conv1dParameters gradients, bool computeInputGradient)
    {
        int batch = _batch;
        int rows = Rows(batch);
        int channels = _outputChannels;

        // ∂L/∂raw: the output gradient at the kept rows, zero at the rows that straddle two samples.
        var dRaw = _raw.AsSpan(0, rows * channels);
        for (int b = 0; b < batch; b++)
        {
            int first = b * _paddedLength;
            outputGradient.Slice(b * OutputLength * channels, OutputLength * channels).CopyTo(dRaw.Slice(first * channels));
            int junkEnd = Math.Min(first + _paddedLength, rows);
            if (junkEnd > first + OutputLength) dRaw.Slice((first + OutputLength) * channels, (junkEnd - first - OutputLength) * channels).Clear();
        }

        MatrixProduct.Multiply(_raw, 1, channels, _padded, _inputChannels, _weightGradient, _depth, channels, _depth, rows, accumulate: false, _width);
        for (int o = 0; o < channels; o++)
            for (int c = 0; c < _inputChannels; c++)
                for (int j = 0; j < _kernel; j++)
                    gradients.Weight[(o * _inputChannels + c) * _kernel + j] += _weightGradient[o * _depth + j * _inputChannels + c];
        Elementwise.AddRows(dRaw, rows, channels, gradients.Bias);

        if (!computeInputGradient) return;
        MatrixProduct.Multiply(_raw, channels, 1, _weight, _depth, _columnGradient, _depth, rows, _depth, channels, accumulate: false, _width);
        var dx = InputGradient.AsSpan(0, batch * _length * _inputChannels);
        dx.Clear();
        for (int b = 0; b < batch; b++)
        {
            for (int s = 0; s < _length; s++)
            {
                var destination = dx.Slice((b * _length + s) * _inputChannels, _inputChannels);
                for (int j = 0; j < _kernel; j++)
                {
                    // Input s of sample b sits at padded row s + p; the run of raw row r covers padded rows r .. r + k − 1.
                    int r = b * _paddedLength + s + _padding - j;
                    if (r < 0 || r >= rows) continue;
                    Elementwise.Add(_columnGradient.AsSpan(r * _depth + j * _inputChannels, _inputChannels), destination);
                }
            }
        }
    }

    /// <summary>Rows of the batch-wide product: every start position of a k-run in the padded batch.</summary>
    private int Rows(int batch) => batch * _paddedLength - (_kernel - 1);
}
