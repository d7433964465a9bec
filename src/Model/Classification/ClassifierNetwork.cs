using EcgStream.Model.Kernels;
using EcgStream.Model.Layers;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Classification;

/// <summary>
/// A classifier wired from layers for one shard of up to <c>maxBatch</c> beats: [Conv1d → ReLU → MaxPool(2)] × n, then either
/// global average pooling (conv1d) or LSTMs with the last one many-to-one (lstm, conv1d-lstm), then Dropout → Linear → softmax.
/// Convolution activations are channels-last [B, L, C]; LSTM sequences are time-major [T, B, C]. One instance per thread;
/// every buffer is allocated once, so Forward and Backward allocate nothing.
/// </summary>
internal sealed class ClassifierNetwork
{
    private readonly ClassifierParameters _parameters;
    private readonly int _length;
    private readonly Conv1dLayer[] _convolutions;
    private readonly MaxPool1dLayer[] _pools;
    private readonly LstmLayer[] _lstms;
    private readonly LstmLastStepLayer? _lastLstm;
    private readonly GlobalAveragePoolLayer? _averagePool;
    private readonly DropoutLayer _dropout;
    private readonly LinearLayer _output;
    private readonly SoftmaxCrossEntropy _loss;

    // The LSTM input, time-major [T, B, C] (the beats, or the last pool's output transposed), and its gradient back in [B, T, C].
    private readonly float[] _sequence;
    private readonly float[] _sequenceGradient;
    private readonly int _sequenceSteps, _sequenceChannels;
    private int _batch;

    /// <summary>Builds the layers over the live <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The weights, read at every Forward (training) or once (inference, see <see cref="Forward"/>).</param>
    /// <param name="maxBatch">The most beats one Forward takes.</param>
    /// <param name="dropout">Dropout probability p of the training Forward.</param>
    /// <param name="width">The vector width the layers run at.</param>
    public ClassifierNetwork(ClassifierParameters parameters, int maxBatch, float dropout, KernelWidth width)
    {
        _parameters = parameters;
        _length = parameters.SequenceLength;
        int length = _length, channels = 1;
        _convolutions = new Conv1dLayer[parameters.Convolutions.Length];
        _pools = new MaxPool1dLayer[parameters.Convolutions.Length];
        for (int i = 0; i < _convolutions.Length; i++)
        {
            var conv = parameters.Convolutions[i];
            _convolutions[i] = new Conv1dLayer(conv, length, ClassifierParameters.PaddingOf(conv), maxBatch, width);
            _pools[i] = new MaxPool1dLayer(_convolutions[i].OutputLength, conv.OutputChannels, maxBatch);
            length = _pools[i].OutputLength;
            channels = conv.OutputChannels;
        }
        var recurrent = parameters.Recurrent;
        _sequenceSteps = length;
        _sequenceChannels = channels;
        _sequence = [];
        _sequenceGradient = [];
        _lstms = [];
        if (recurrent.Length > 0)
        {
            _sequence = new float[length * maxBatch * channels];
            _sequenceGradient = new float[length * maxBatch * channels];
            _lstms = recurrent[..^1].Select(p => new LstmLayer(p, length, maxBatch, width)).ToArray();
            _lastLstm = new LstmLastStepLayer(recurrent[^1], length, maxBatch, width);
        }
        else
        {
            _averagePool = new GlobalAveragePoolLayer(length, channels, maxBatch);
        }
        _dropout = new DropoutLayer(parameters.Output.InputSize, dropout, maxBatch);
        _output = new LinearLayer(parameters.Output, maxBatch, width);
        _loss = new SoftmaxCrossEntropy(parameters.ClassCount, maxBatch);
    }

    /// <summary>Logits z of the last Forward, [B, C].</summary>
    public float[] Logits => _output.Output;

    /// <summary>softmax(z) of the last Forward, [B, C].</summary>
    public float[] Probabilities => _loss.Probabilities;

    /// <summary>
    /// Runs the network on <paramref name="batch"/> beats [B, L] and leaves <see cref="Logits"/> and <see cref="Probabilities"/>.
    /// </summary>
    /// <param name="beats">[B, L], beat-major.</param>
    /// <param name="batch">Beats B, at most the <c>maxBatch</c> it was built for.</param>
    /// <param name="training">Dropout on (and weights re-read, since the optimiser moves them); off is evaluation.</param>
    /// <param name="refreshWeights">Re-read the weights into the layers' working copies; inference over fixed weights passes false after the first call.</param>
    /// <param name="dropoutKey">The mini-batch's dropout key (see <see cref="DropoutLayer"/>).</param>
    /// <param name="firstSample">Index of this shard's first beat within its mini-batch.</param>
    public void Forward(ReadOnlySpan<float> beats, int batch, bool training, bool refreshWeights, ulong dropoutKey = 0, int firstSample = 0)
    {
        _batch = batch;
        if (refreshWeights)
        {
            foreach (var conv in _convolutions) conv.RefreshWeights();
        }

        ReadOnlySpan<float> activations = beats.Slice(0, batch * _length);
        for (int i = 0; i < _convolutions.Length; i++)
        {
            var conv = _convolutions[i];
            conv.Forward(activations, batch);
            var convolved = conv.Output.AsSpan(0, batch * conv.OutputLength * _parameters.Convolutions[i].OutputChannels);
            ReluLayer.Forward(convolved);
            _pools[i].Forward(convolved, batch);
            activations = _pools[i].Output.AsSpan(0, batch * _pools[i].OutputLength * _parameters.Convolutions[i].OutputChannels);
        }

        float[] features;
        if (_lastLstm is not null)
        {
            // [B, T, C] → [T, B, C]: the LSTMs step through time with the batch's rows together.
            ToTimeMajor(activations, batch);
            float[] input = _sequence;
            foreach (var lstm in _lstms)
            {
                lstm.Forward(input, batch, repeatedInput: false, refreshWeights);
                input = lstm.Output;
            }
            _lastLstm.Forward(input, batch, refreshWeights);
            features = _lastLstm.Output;
        }
        else
        {
            _averagePool!.Forward(activations, batch);
            features = _averagePool.Output;
        }

        features = _dropout.Forward(features, batch, training, dropoutKey, firstSample);
        _output.Forward(features, batch);
        _loss.Forward(_output.Output, batch);
    }

    /// <summary>Σ w[y]·(−log p[y]) over the beats of the last Forward, unnormalised (see <see cref="SoftmaxCrossEntropy"/>).</summary>
    public double LossSum(ReadOnlySpan<int> labels, float[]? classWeights) => _loss.LossSum(_output.Output, labels, classWeights);

    /// <summary>Back-propagates the loss of the last Forward (scaled by <paramref name="scale"/> = 1/Σw of the mini-batch) and adds ∂L/∂θ into <paramref name="gradients"/>.</summary>
    public void Backward(ReadOnlySpan<int> labels, float[]? classWeights, float scale, ClassifierParameters gradients)
    {
        int batch = _batch;
        _loss.Backward(labels, classWeights, scale);
        _output.Backward(_loss.LogitGradient, gradients.Output);
        float[] dFeatures = _dropout.Backward(_output.InputGradient);

        ReadOnlySpan<float> dActivations;
        bool convolutionsBelow = _convolutions.Length > 0;
        if (_lastLstm is not null)
        {
            var recurrent = gradients.Recurrent;
            bool lstmsBelow = _lstms.Length > 0;
            _lastLstm.Backward(dFeatures, recurrent[^1], computeInputGradient: lstmsBelow || convolutionsBelow);
            float[] dSequence = _lastLstm.Sequence.InputGradient;
            for (int i = _lstms.Length - 1; i >= 0; i--)
            {
                _lstms[i].Backward(dSequence, recurrent[i], computeInputGradient: i > 0 || convolutionsBelow);
                dSequence = _lstms[i].InputGradient;
            }
            if (!convolutionsBelow) return;
            FromTimeMajor(dSequence, batch);
            dActivations = _sequenceGradient.AsSpan(0, batch * _sequenceSteps * _sequenceChannels);
        }
        else
        {
            _averagePool!.Backward(dFeatures);
            dActivations = _averagePool.InputGradient;
        }

        for (int i = _convolutions.Length - 1; i >= 0; i--)
        {
            var conv = _convolutions[i];
            _pools[i].Backward(dActivations);
            var dConvolved = _pools[i].InputGradient.AsSpan(0, batch * conv.OutputLength * _parameters.Convolutions[i].OutputChannels);
            ReluLayer.Backward(conv.Output, dConvolved);
            conv.Backward(dConvolved, gradients.Convolutions[i], computeInputGradient: i > 0);
            dActivations = conv.InputGradient;
        }
    }

    /// <summary>_sequence[t, b, c] = activations[b, t, c].</summary>
    private void ToTimeMajor(ReadOnlySpan<float> activations, int batch)
    {
        int steps = _sequenceSteps, channels = _sequenceChannels;
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++)
                activations.Slice((b * steps + t) * channels, channels).CopyTo(_sequence.AsSpan((t * batch + b) * channels, channels));
    }

    /// <summary>_sequenceGradient[b, t, c] = gradient[t, b, c].</summary>
    private void FromTimeMajor(float[] gradient, int batch)
    {
        int steps = _sequenceSteps, channels = _sequenceChannels;
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++)
                gradient.AsSpan((t * batch + b) * channels, channels).CopyTo(_sequenceGradient.AsSpan((b * steps + t) * channels, channels));
    }
}
