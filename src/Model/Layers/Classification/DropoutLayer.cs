namespace EcgStream.Model.Layers;

/// <summary>
/// nn.Dropout(p) on [B, D] features: in training y = x·m with m = 1/(1−p) (kept, probability 1−p) or 0; in evaluation y = x.
/// The mask is a pure function of (key, sample, unit), not of a random stream, so a shard computes the same mask whichever
/// thread runs it and whatever shards ran before: training stays deterministic for any thread count.
/// </summary>
internal sealed class DropoutLayer
{
    private readonly int _width;
    private readonly float _probability;

    // The mask of the last training Forward, [B, D]: 0 or 1/(1−p).
    private readonly float[] _mask;
    private int _batch;
    private bool _training;

    /// <summary>Allocates every buffer for up to <paramref name="maxBatch"/> rows of <paramref name="width"/> features.</summary>
    public DropoutLayer(int width, float probability, int maxBatch)
    {
        _width = width;
        _probability = probability;
        _mask = new float[maxBatch * width];
        Output = new float[maxBatch * width];
        InputGradient = new float[maxBatch * width];
    }

    /// <summary>y of the last training Forward, [B, D]; in evaluation Forward returns its input instead.</summary>
    public float[] Output { get; }

    /// <summary>∂L/∂x of the last Backward, [B, D].</summary>
    public float[] InputGradient { get; }

    /// <summary>
    /// Applies dropout to <paramref name="batch"/> rows of <paramref name="input"/> and returns the array holding y: <see cref="Output"/>
    /// in training with p &gt; 0, else <paramref name="input"/> itself.
    /// </summary>
    /// <param name="input">x, [B, D].</param>
    /// <param name="batch">Rows B.</param>
    /// <param name="training">Whether to drop (training) or pass x through (evaluation).</param>
    /// <param name="key">Mask key of this mini-batch (seed and step mixed); the same key and sample give the same mask.</param>
    /// <param name="firstSample">Index of row 0 within the mini-batch, so shards of one batch draw different masks.</param>
    public float[] Forward(float[] input, int batch, bool training, ulong key, int firstSample)
    {
        _batch = batch;
        _training = training && _probability > 0f;
        if (!_training) return input;
        float keep = 1f / (1f - _probability);
        for (int b = 0; b < batch; b++)
        {
            for (int u = 0; u < _width; u++)
            {
                int i = b * _width + u;
                float uniform = Uniform(key, (ulong)(firstSample + b) * (ulong)_width + (ulong)u);
                _mask[i] = uniform >= _probability ? keep : 0f;
                Output[i] = input[i] * _mask[i];
            }
        }
        return Output;
    }

    /// <summary>Returns the array holding ∂L/∂x: dy·m in training (<see cref="InputGradient"/>), dy itself in evaluation.</summary>
    public float[] Backward(float[] outputGradient)
    {
        if (!_training) return outputGradient;
        for (int i = 0; i < _batch * _width; i++) InputGradient[i] = outputGradient[i] * _mask[i];
        return InputGradient;
    }

    /// <summary>A uniform value in [0, 1) from 24 bits of SplitMix64(key + index·golden).</summary>
    internal static float Uniform(ulong key, ulong index)
    {
        ulong z = key + (index + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 40) * (1f / (1 << 24));
    }
}
