namespace EcgStream.Model.Layers;

/// <summary>Global average pooling over time (x.mean(dim=2) on PyTorch's [B, C, L]): y[b, c] = (1/L) Σ_t x[b, t, c], input channels-last [B, L, C].</summary>
internal sealed class GlobalAveragePoolLayer
{
    private readonly int _length, _channels;
    private int _batch;

    /// <summary>Allocates every buffer for [<paramref name="maxBatch"/>, <paramref name="length"/>, <paramref name="channels"/>] inputs.</summary>
    public GlobalAveragePoolLayer(int length, int channels, int maxBatch)
    {
        _length = length;
        _channels = channels;
        Output = new float[maxBatch * channels];
        InputGradient = new float[maxBatch * length * channels];
    }

    /// <summary>y of the last Forward, [B, C].</summary>
    public float[] Output { get; }

    /// <summary>∂L/∂x of the last Backward, [B, L, C].</summary>
    public float[] InputGradient { get; }

    /// <summary>Averages <paramref name="batch"/> samples of <paramref name="input"/> [B, L, C] over time.</summary>
    public void Forward(ReadOnlySpan<float> input, int batch)
    {
        _batch = batch;
        float inverse = 1f / _length;
        for (int b = 0; b < batch; b++)
        {
            var sum = Output.AsSpan(b * _channels, _channels);
            input.Slice(b * _length * _channels, _channels).CopyTo(sum);
            for (int t = 1; t < _length; t++) Elementwise.Add(input.Slice((b * _length + t) * _channels, _channels), sum);
            Elementwise.Scale(sum, inverse);
        }
    }

    /// <summary>dx[b, t, c] = dy[b, c] / L for every t.</summary>
    public void Backward(ReadOnlySpan<float> outputGradient)
    {
        float inverse = 1f / _length;
        for (int b = 0; b < _batch; b++)
        {
            var dy = outputGradient.Slice(b * _channels, _channels);
            for (int t = 0; t < _length; t++)
            {
                var dx = InputGradient.AsSpan((b * _length + t) * _channels, _channels);
                dy.CopyTo(dx);
                Elementwise.Scale(dx, inverse);
            }
        }
    }
}
