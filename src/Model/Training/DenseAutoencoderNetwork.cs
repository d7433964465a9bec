using EcgStream.Model.Kernels;
using EcgStream.Model.Layers;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Training;

/// <summary>
/// The dense autoencoder wired from training layers for up to <c>maxBatch</c> beats:
/// Linear → ReLU → … → Linear, with a ReLU after every layer but the last (see <see cref="DenseAutoencoderParameters"/>).
/// Rows are beats, [B, ·] row-major, so the input is the caller's beats as they are. Buffers are allocated once.
/// </summary>
internal sealed class DenseAutoencoderNetwork
{
    private readonly int _beatLength;
    private readonly int _maxBatch;
    private readonly LinearLayer[] _layers;

    // Each layer's output width, in forward order.
    private readonly int[] _widths;

    // The batch's beats [B, L] (the first layer keeps a reference to its input) and ∂L/∂x̂ [B, L].
    private readonly float[] _input;
    private readonly float[] _reconstructionGradient;
    private int _batch;

    /// <summary>Builds the layers over the live <paramref name="parameters"/>, to run at <paramref name="width"/>.</summary>
    public DenseAutoencoderNetwork(DenseAutoencoderParameters parameters, int maxBatch, KernelWidth width)
    {
        _beatLength = parameters.BeatLength;
        _maxBatch = maxBatch;
        _layers = [.. parameters.Layers.Select(p => new LinearLayer(p, maxBatch, width))];
        _widths = [.. parameters.Layers.Select(p => p.OutputSize)];
        _input = new float[maxBatch * _beatLength];
        _reconstructionGradient = new float[maxBatch * _beatLength];
    }

    /// <summary>x̂ of the last Forward, [B, L].</summary>
    public float[] Reconstruction => _layers[^1].Output;

    /// <summary>Reconstructs <paramref name="count"/> beats ([count, L]) and keeps what Backward needs.</summary>
    public void Forward(ReadOnlySpan<float> beats, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _maxBatch);
        _batch = count;
        beats[..(count * _beatLength)].CopyTo(_input);
        float[] x = _input;
        for (int i = 0; i < _layers.Length; i++)
        {
            var layer = _layers[i];
            layer.Forward(x, count);
            x = layer.Output;

            // ReLU in place: the next layer's input and, for Backward, the mask (y > 0 exactly where the pre-activation was).
            if (i < _layers.Length - 1) ReluLayer.Forward(x.AsSpan(0, count * _widths[i]));
        }
    }

    /// <summary>Σ |x̂ − x| (L1) or Σ (x̂ − x)² (MSE) over every sample of the last Forward, in double.</summary>
    public double LossSum(TrainingLoss loss)
    {
        int n = _batch * _beatLength;
        return ReconstructionLoss.Sum(Reconstruction.AsSpan(0, n), _input.AsSpan(0, n), loss);
    }

    /// <summary>
    /// Back-propagates <paramref name="scale"/> · ∂(LossSum)/∂θ into <paramref name="gradients"/> (added):
    /// ∂/∂x̂ is sign(x̂ − x) (sign(0) = 0) for L1 and 2(x̂ − x) for MSE; each ReLU passes the gradient where its output is positive.
    /// </summary>
    public void Backward(TrainingLoss loss, float scale, DenseAutoencoderParameters gradients)
    {
        int n = _batch * _beatLength;
        ReconstructionLoss.Gradient(Reconstruction.AsSpan(0, n), _input.AsSpan(0, n), loss, scale, _reconstructionGradient);
        float[] upstream = _reconstructionGradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            _layers[i].Backward(upstream, gradients.Layers[i]);
            if (i == 0) break;
            upstream = _layers[i].InputGradient;
            ReluLayer.Backward(_layers[i - 1].Output, upstream.AsSpan(0, _batch * _widths[i - 1]));
        }
    }
}
