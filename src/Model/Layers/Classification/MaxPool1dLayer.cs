namespace EcgStream.Model.Layers;

/// <summary>
/// nn.MaxPool1d(2) (stride 2, no padding, floor) over channels-last [B, L, C]: y[b, t, c] = max(x[b, 2t, c], x[b, 2t+1, c]),
/// L_out = ⌊L/2⌋. On a tie the first element wins and takes the whole gradient, as PyTorch's CPU kernel does.
/// </summary>
internal sealed class MaxPool1dLayer
{
    private readonly int _length, _channels;

    // Which input of each window won: 0 (first) or 1 (second), [B, L_out, C].
    private readonly byte[] _choice;
    private int _batch;

    /// <summary>Allocates every buffer for [<paramref name="maxBatch"/>, <paramref name="length"/>, <paramref name="channels"/>] inputs.</summary>
    public MaxPool1dLayer(int length, int channels, int maxBatch)
    {
        _length = length;
        _channels = channels;
        OutputLength = length / 2;
        if (OutputLength < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "Needs at least two steps.");
        _choice = new byte[maxBatch * OutputLength * channels];
        Output = new float[maxBatch * OutputLength * channels];
        InputGradient = new float[maxBatch * length * channels];
    }

    /// <summary>Steps of the output, ⌊L/2⌋.</summary>
    public int OutputLength { get; }

    /// <summary>y of the last Forward, [B, L_out, C].</summary>
    public float[] Output { get; }

    /// <summary>∂L/∂x of the last Backward, [B, L, C].</summary>
    public float[] InputGradient { get; }

    /// <summary>Pools <paramref name="batch"/> samples of <paramref name="input"/> [B, L, C].</summary>
    public void Forward(ReadOnlySpan<float> input, int batch)
    {
        _batch = batch;
        int c = _channels;
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < OutputLength; t++)
            {
                var first = input.Slice((b * _length + 2 * t) * c, c);
                var second = input.Slice((b * _length + 2 * t + 1) * c, c);
                var output = Output.AsSpan((b * OutputLength + t) * c, c);
                var choice = _choice.AsSpan((b * OutputLength + t) * c, c);
                for (int k = 0; k < c; k++)
                {
                    // Strictly greater: the first of two equal values wins.
                    bool takeSecond = second[k] > first[k] || float.IsNaN(second[k]);
                    output[k] = takeSecond ? second[k] : first[k];
                    choice[k] = takeSecond ? (byte)1 : (byte)0;
                }
            }
        }
    }

    /// <summary>dx = dy at each window's winner, 0 elsewhere (and at a last odd step no window covers).</summary>
    public void Backward(ReadOnlySpan<float> outputGradient)
    {
        int c = _channels;
        var dx = InputGradient.AsSpan(0, _batch * _length * c);
        dx.Clear();
        for (int b = 0; b < _batch; b++)
        {
            for (int t = 0; t < OutputLength; t++)
            {
                var dy = outputGradient.Slice((b * OutputLength + t) * c, c);
                var choice = _choice.AsSpan((b * OutputLength + t) * c, c);
                int window = (b * _length + 2 * t) * c;
                for (int k = 0; k < c; k++) dx[window + choice[k] * c + k] = dy[k];
            }
        }
    }
}
