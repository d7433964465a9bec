using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Layers;

/// <summary>
/// An nn.LSTM used many-to-one: the <see cref="LstmLayer"/> runs over the whole sequence and only its last hidden state
/// h_T [B, H] goes on (PyTorch: <c>out[:, -1, :]</c>). Backward feeds ∂L/∂h_T at the last step and zero at every other.
/// </summary>
internal sealed class LstmLastStepLayer
{
    private readonly LstmLayer _lstm;
    private readonly int _steps, _hidden;

    // ∂L/∂h_t [T, B, H]: zero but for the last step.
    private readonly float[] _sequenceGradient;
    private int _batch;

    /// <summary>Allocates every buffer for sequences of <paramref name="steps"/> steps and up to <paramref name="maxBatch"/> sequences; runs at <paramref name="width"/>.</summary>
    public LstmLastStepLayer(LstmParameters parameters, int steps, int maxBatch, KernelWidth width)
    {
        _lstm = new LstmLayer(parameters, steps, maxBatch, width);
        _steps = steps;
        _hidden = parameters.HiddenSize;
        _sequenceGradient = new float[steps * maxBatch * _hidden];
        Output = new float[maxBatch * _hidden];
    }

    /// <summary>h_T of the last Forward, [B, H].</summary>
    public float[] Output { get; }

    /// <summary>The layer over the whole sequence (its Output is every h_t, [T, B, H]).</summary>
    public LstmLayer Sequence => _lstm;

    /// <summary>Runs the LSTM over <paramref name="input"/> [T, B, I] and keeps h_T.</summary>
    /// <param name="input">x, [T, B, I].</param>
    /// <param name="batch">Sequences B.</param>
    /// <param name="refreshWeights">Re-read the weights (training: the optimiser moved them); inference prepares them once.</param>
    public void Forward(float[] input, int batch, bool refreshWeights)
    {
        _batch = batch;
        _lstm.Forward(input, batch, repeatedInput: false, refreshWeights);
        int size = batch * _hidden;
        Array.Copy(_lstm.Output, (_steps - 1) * size, Output, 0, size);
    }

    /// <summary>Back-propagates ∂L/∂h_T [B, H] through every step; the input gradient is in <see cref="Sequence"/>.InputGradient.</summary>
    public void Backward(ReadOnlySpan<float> outputGradient, LstmParameters gradients, bool computeInputGradient)
    {
        int size = _batch * _hidden;
        _sequenceGradient.AsSpan(0, (_steps - 1) * size).Clear();
        outputGradient.Slice(0, size).CopyTo(_sequenceGradient.AsSpan((_steps - 1) * size));
        _lstm.Backward(_sequenceGradient, gradients, computeInputGradient);
    }
}
