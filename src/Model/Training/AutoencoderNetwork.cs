using EcgStream.Model.Kernels;
using EcgStream.Model.Layers;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Training;

/// <summary>
/// The autoencoder wired from training layers for one shard of up to <c>maxBatch</c> beats: encoder.rnn1 → encoder.rnn2
/// (z = its last h) → decoder.rnn1 (z at every step) → decoder.rnn2 → output_layer at every step.
/// One instance per worker thread; buffers are allocated once. Internally everything is time-major [T, B, ·].
/// </summary>
internal sealed class AutoencoderNetwork
{
    private readonly AutoencoderShape _shape;
    private readonly int _maxBatch;
    private readonly LstmLayer _encoder1;
    private readonly LstmLayer _encoder2;
    private readonly LstmLayer _decoder1;
    private readonly LstmLayer _decoder2;
    private readonly LinearLayer _output;

    // The shard's beats time-major [T, B, F]; z [B, E]; ∂L/∂(encoder.rnn2 output) [T, B, E], zero but for the last step;
    // ∂L/∂x̂ [T, B, F].
    private readonly float[] _input;
    private readonly float[] _embedding;
    private readonly float[] _embeddingGradient;
    private readonly float[] _reconstructionGradient;
    private int _batch;

    /// <summary>Builds the layers over the live <paramref name="parameters"/>, to run at <paramref name="width"/>.</summary>
    public AutoencoderNetwork(AutoencoderParameters parameters, int maxBatch, KernelWidth width)
    {
        _shape = parameters.Shape;
        _maxBatch = maxBatch;
        int steps = _shape.SequenceLength;
        _encoder1 = new LstmLayer(parameters.Encoder1, steps, maxBatch, width);
        _encoder2 = new LstmLayer(parameters.Encoder2, steps, maxBatch, width);
        _decoder1 = new LstmLayer(parameters.Decoder1, steps, maxBatch, width);
        _decoder2 = new LstmLayer(parameters.Decoder2, steps, maxBatch, width);
        _output = new LinearLayer(parameters.Output, steps * maxBatch, width);
        _input = new float[steps * maxBatch * _shape.Features];
        _embedding = new float[maxBatch * _shape.EmbeddingSize];
        _embeddingGradient = new float[steps * maxBatch * _shape.EmbeddingSize];
        _reconstructionGradient = new float[steps * maxBatch * _shape.Features];
    }

    /// <summary>Reconstructs <paramref name="count"/> beats ([count, T·F], beat-major) and keeps what Backward needs.</summary>
    public void Forward(ReadOnlySpan<float> beats, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _maxBatch);
        _batch = count;
        int steps = _shape.SequenceLength, features = _shape.Features, embedding = _shape.EmbeddingSize;
        for (int b = 0; b < count; b++)
        {
            for (int t = 0; t < steps; t++)
            {
                beats.Slice((b * steps + t) * features, features).CopyTo(_input.AsSpan((t * count + b) * features, features));
            }
        }
        _encoder1.Forward(_input, count, repeatedInput: false);
        _encoder2.Forward(_encoder1.Output, count, repeatedInput: false);
        Array.Copy(_encoder2.Output, (steps - 1) * count * embedding, _embedding, 0, count * embedding);
        _decoder1.Forward(_embedding, count, repeatedInput: true);
        _decoder2.Forward(_decoder1.Output, count, repeatedInput: false);
        _output.Forward(_decoder2.Output, steps * count);
    }

    /// <summary>Σ |x̂ − x| (L1) or Σ (x̂ − x)² (MSE) over every sample of the last Forward, in double.</summary>
    public double LossSum(TrainingLoss loss)
    {
        int n = _shape.SequenceLength * _batch * _shape.Features;
        return ReconstructionLoss.Sum(_output.Output.AsSpan(0, n), _input.AsSpan(0, n), loss);
    }

    /// <summary>
    /// Back-propagates <paramref name="scale"/> · ∂(LossSum)/∂θ into <paramref name="gradients"/> (added):
    /// ∂/∂x̂ is sign(x̂ − x) (sign(0) = 0) for L1 and 2(x̂ − x) for MSE. dz from decoder.rnn1 enters encoder.rnn2 at its last step.
    /// </summary>
    public void Backward(TrainingLoss loss, float scale, AutoencoderParameters gradients)
    {
        int steps = _shape.SequenceLength, embedding = _shape.EmbeddingSize;
        int n = steps * _batch * _shape.Features;
        ReconstructionLoss.Gradient(_output.Output.AsSpan(0, n), _input.AsSpan(0, n), loss, scale, _reconstructionGradient);
        _output.Backward(_reconstructionGradient, gradients.Output);
        _decoder2.Backward(_output.InputGradient, gradients.Decoder2, computeInputGradient: true);
        _decoder1.Backward(_decoder2.InputGradient, gradients.Decoder1, computeInputGradient: true);

        // Only h_T of encoder.rnn2 is used, so its output gradient is zero at every other step.
        _embeddingGradient.AsSpan(0, steps * _batch * embedding).Clear();
        Array.Copy(_decoder1.InputGradient, 0, _embeddingGradient, (steps - 1) * _batch * embedding, _batch * embedding);
        _encoder2.Backward(_embeddingGradient, gradients.Encoder2, computeInputGradient: true);
        _encoder1.Backward(_encoder2.InputGradient, gradients.Encoder1, computeInputGradient: false);
    }

    /// <summary>Copies the last Forward's reconstructions into <paramref name="destination"/> [B, T·F], beat-major.</summary>
    public void CopyReconstruction(Span<float> destination)
    {
        int steps = _shape.SequenceLength, features = _shape.Features;
        for (int b = 0; b < _batch; b++)
        {
            for (int t = 0; t < steps; t++)
            {
                _output.Output.AsSpan((t * _batch + b) * features, features).CopyTo(destination.Slice((b * steps + t) * features, features));
            }
        }
    }
}
