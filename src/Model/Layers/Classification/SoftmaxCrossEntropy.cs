namespace EcgStream.Model.Layers;

/// <summary>
/// Softmax cross-entropy on logits [B, C] with optional class weights w, as nn.CrossEntropyLoss(weight=w, reduction='mean'):
/// L = Σ_i w[y_i]·(−log softmax(z_i)[y_i]) / Σ_i w[y_i] (w = 1 gives the plain mean). The normaliser is the whole mini-batch's,
/// so a shard returns its unnormalised sum and scales its gradient by the batch's 1/Σw: ∂L/∂z_i = w[y_i]·(p_i − onehot(y_i)) / Σw.
/// </summary>
internal sealed class SoftmaxCrossEntropy
{
    private readonly int _classes;
    private int _batch;

    /// <summary>Allocates every buffer for up to <paramref name="maxBatch"/> rows of <paramref name="classes"/> logits.</summary>
    public SoftmaxCrossEntropy(int classes, int maxBatch)
    {
        _classes = classes;
        Probabilities = new float[maxBatch * classes];
        LogitGradient = new float[maxBatch * classes];
    }

    /// <summary>softmax(z) of the last Forward, [B, C].</summary>
    public float[] Probabilities { get; }

    /// <summary>∂L/∂z of the last Backward, [B, C].</summary>
    public float[] LogitGradient { get; }

    /// <summary>Probabilities p = softmax(z) row by row: p_k = e^(z_k − max z) / Σ_j e^(z_j − max z).</summary>
    public void Forward(ReadOnlySpan<float> logits, int batch)
    {
        _batch = batch;
        for (int b = 0; b < batch; b++) Softmax(logits.Slice(b * _classes, _classes), Probabilities.AsSpan(b * _classes, _classes));
    }

    /// <summary>Σ_i w[y_i]·(−log p_i[y_i]) over the rows of the last Forward (not divided by anything); −log p = log Σ e^(z − max) − (z_y − max).</summary>
    public double LossSum(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, float[]? classWeights)
    {
        double sum = 0;
        for (int b = 0; b < _batch; b++)
        {
            var z = logits.Slice(b * _classes, _classes);
            float max = Max(z);
            float total = 0f;
            for (int k = 0; k < _classes; k++) total += MathF.Exp(z[k] - max);
            int y = labels[b];
            float negativeLog = MathF.Log(total) - (z[y] - max);
            sum += (classWeights is null ? 1.0 : classWeights[y]) * negativeLog;
        }
        return sum;
    }

    /// <summary>∂L/∂z_i = w[y_i]·(p_i − onehot(y_i))·<paramref name="scale"/>, scale = 1/Σw of the whole mini-batch.</summary>
    public void Backward(ReadOnlySpan<int> labels, float[]? classWeights, float scale)
    {
        for (int b = 0; b < _batch; b++)
        {
            int y = labels[b];
            float factor = (classWeights is null ? 1f : classWeights[y]) * scale;
            for (int k = 0; k < _classes; k++)
            {
                int i = b * _classes + k;
                LogitGradient[i] = (Probabilities[i] - (k == y ? 1f : 0f)) * factor;
            }
        }
    }

    /// <summary>p = softmax(z) for one row.</summary>
    public static void Softmax(ReadOnlySpan<float> z, Span<float> p)
    {
        float max = Max(z);
        float total = 0f;
        for (int k = 0; k < z.Length; k++)
        {
            p[k] = MathF.Exp(z[k] - max);
            total += p[k];
        }
        float inverse = 1f / total;
        for (int k = 0; k < z.Length; k++) p[k] *= inverse;
    }

    private static float Max(ReadOnlySpan<float> z)
    {
        float max = z[0];
        for (int k = 1; k < z.Length; k++) max = MathF.Max(max, z[k]);
        return max;
    }
}
