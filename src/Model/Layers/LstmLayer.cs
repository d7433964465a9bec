using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels;
using EcgStream.Model.Kernels.Widths;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Layers;

/// <summary>
/// One nn.LSTM layer (single layer, zero initial state) over a batch of sequences, for training: <see cref="Forward"/>
/// keeps what <see cref="Backward"/> needs, <see cref="Backward"/> gives the input gradient and adds the parameter
/// gradients. Activations σ (gates i, f, o) and tanh (candidate g, cell output). Sequences are time-major:
/// element (t, b, j) of a [T, B, D] buffer is at (t·B + b)·D + j. Call <see cref="Forward"/> before each
/// <see cref="Backward"/>; the input passed to <see cref="Forward"/> must stay unchanged until then.
/// </summary>
internal sealed unsafe class LstmLayer
{
    // Parameters (live: the optimiser updates them between batches).
    private readonly LstmParameters _parameters;
    private readonly int _steps;
    private readonly int _inputSize;
    private readonly int _hiddenSize;
    private readonly KernelWidth _width;

    // W_ihᵀ [I, 4H], W_hhᵀ [H, 4H] and b_ih + b_hh [4H], refreshed by every Forward.
    private readonly float[] _weightIhT;
    private readonly float[] _weightHhT;
    private readonly float[] _bias;
    private bool _weightsReady;

    // Caches of the last Forward: activated gates (i, f, g, o) [T, B, 4H], c_t and tanh(c_t) [T, B, H].
    private readonly float[] _gates;
    private readonly float[] _cells;
    private readonly float[] _tanhCells;
    private float[] _input = [];
    private int _batch;
    private bool _repeatedInput;

    // Backward scratch: ∂L/∂a_t [T, B, 4H], Σ_t ∂L/∂a_t [B, 4H], recurrent ∂L/∂h and ∂L/∂c [B, H], zero state [B, H].
    private readonly float[] _dGates;
    private readonly float[] _dGatesSum;
    private readonly float[] _dHidden;
    private readonly float[] _dCell;
    private readonly float[] _zeroState;

    /// <summary>Allocates every buffer for sequences of <paramref name="steps"/> steps and up to <paramref name="maxBatch"/> sequences; runs at <paramref name="width"/>.</summary>
    public LstmLayer(LstmParameters parameters, int steps, int maxBatch, KernelWidth width)
    {
        _parameters = parameters;
        _width = width;
        _steps = steps;
        _inputSize = parameters.InputSize;
        _hiddenSize = parameters.HiddenSize;
        int h4 = 4 * _hiddenSize;
        _weightIhT = new float[_inputSize * h4];
        _weightHhT = new float[_hiddenSize * h4];
        _bias = new float[h4];
        _gates = new float[steps * maxBatch * h4];
        _cells = new float[steps * maxBatch * _hiddenSize];
        _tanhCells = new float[steps * maxBatch * _hiddenSize];
        Output = new float[steps * maxBatch * _hiddenSize];
        _dGates = new float[steps * maxBatch * h4];
        _dGatesSum = new float[maxBatch * h4];
        _dHidden = new float[maxBatch * _hiddenSize];
        _dCell = new float[maxBatch * _hiddenSize];
        _zeroState = new float[maxBatch * _hiddenSize];
        InputGradient = new float[steps * maxBatch * _inputSize];
    }

    /// <summary>h_t of the last Forward, [T, B, H].</summary>
    public float[] Output { get; }

    /// <summary>∂L/∂x of the last Backward: [T, B, I], or [B, I] when the input was repeated.</summary>
    public float[] InputGradient { get; }

    /// <summary>
    /// Runs the layer: a_t = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh, split i, f, g, o;
    /// c_t = σ(f)⊙c_{t−1} + σ(i)⊙tanh(g);  h_t = σ(o)⊙tanh(c_t).
    /// </summary>
    /// <param name="input">[T, B, I], or [B, I] fed at every step when <paramref name="repeatedInput"/>.</param>
    /// <param name="batch">Sequences B.</param>
    /// <param name="repeatedInput">The same input at every step (the decoder's z): its projection is computed once.</param>
    /// <param name="refreshWeights">Re-read the weights into the transposed copies (training: the optimiser moved them since the last
    /// Forward). Inference over fixed weights passes false after the first call.</param>
    public void Forward(float[] input, int batch, bool repeatedInput, bool refreshWeights = true)
    {
        _input = input;
        _batch = batch;
        _repeatedInput = repeatedInput;
        int h4 = 4 * _hiddenSize;
        if (refreshWeights || !_weightsReady)
        {
            Elementwise.Transpose(_parameters.WeightIh, h4, _inputSize, _weightIhT);
            Elementwise.Transpose(_parameters.WeightHh, h4, _hiddenSize, _weightHhT);
            for (int j = 0; j < h4; j++) _bias[j] = _parameters.BiasIh[j] + _parameters.BiasHh[j];
            _weightsReady = true;
        }

        // Input projections for every step in one product: gates[t] = x_t·W_ihᵀ + b (time-independent when repeated).
        int projectedRows = repeatedInput ? batch : _steps * batch;
        for (int row = 0; row < projectedRows; row++) _bias.CopyTo(_gates, row * h4);
        MatrixProduct.Multiply(input, _inputSize, 1, _weightIhT, h4, _gates, h4, projectedRows, h4, _inputSize, accumulate: true, _width);
        if (repeatedInput)
        {
            for (int t = 1; t < _steps; t++) Array.Copy(_gates, 0, _gates, t * batch * h4, batch * h4);
        }

        int stateSize = batch * _hiddenSize;
        for (int t = 0; t < _steps; t++)
        {
            var gates = _gates.AsSpan(t * batch * h4, batch * h4);
            float[] cellsPrevious = t == 0 ? _zeroState : _cells;
            int previous = t == 0 ? 0 : (t - 1) * stateSize;
            if (t > 0)
            {
                // The only sequential part: gates[t] += h_{t−1}·W_hhᵀ.
                MatrixProduct.Multiply(Output.AsSpan(previous, stateSize), _hiddenSize, 1, _weightHhT, h4, gates, h4, batch, h4, _hiddenSize, accumulate: true, _width);
            }
            fixed (float* g = gates, cp = &cellsPrevious[previous], c = &_cells[t * stateSize], tc = &_tanhCells[t * stateSize], h = &Output[t * stateSize])
            {
                switch (_width)
                {
                    case KernelWidth.Vector512: ForwardCells<Simd512, Vector512<float>>(g, cp, c, tc, h, batch); break;
                    case KernelWidth.Vector256: ForwardCells<Simd256, Vector256<float>>(g, cp, c, tc, h, batch); break;
                    default: ForwardCells<SimdScalar, float>(g, cp, c, tc, h, batch); break;
                }
            }
        }
    }

    /// <summary>
    /// Back-propagates through every step (t = T−1 … 0), with dh = ∂L/∂h_t from above plus the recurrent part:
    /// do = dh⊙tanh(c_t); dc_t = dc + dh⊙o⊙(1 − tanh²c_t); di = dc_t⊙g; dg = dc_t⊙i; df = dc_t⊙c_{t−1}; dc_{t−1} = dc_t⊙f;
    /// da = [di⊙i(1−i); df⊙f(1−f); dg⊙(1−g²); do⊙o(1−o)]; dh_{t−1} (recurrent) = da·W_hh.
    /// Then dW_ih += Σ_t daᵀ·x_t, dW_hh += Σ_t daᵀ·h_{t−1}, db_ih = db_hh += Σ_t da, dx_t = da·W_ih (one product each).
    /// </summary>
    /// <param name="outputGradient">∂L/∂h_t from above, [T, B, H].</param>
    /// <param name="gradients">Where the parameter gradients are added.</param>
    /// <param name="computeInputGradient">Whether to fill <see cref="InputGradient"/> (the first layer's input is data).</param>
    public void Backward(float[] outputGradient, LstmParameters gradients, bool computeInputGradient)
    {
        int batch = _batch;
        int h4 = 4 * _hiddenSize;
        int stateSize = batch * _hiddenSize;
        _dHidden.AsSpan(0, stateSize).Clear();
        _dCell.AsSpan(0, stateSize).Clear();
        for (int t = _steps - 1; t >= 0; t--)
        {
            float[] cellsPrevious = t == 0 ? _zeroState : _cells;
            int previous = t == 0 ? 0 : (t - 1) * stateSize;
            fixed (float* g = &_gates[t * batch * h4], da = &_dGates[t * batch * h4], cp = &cellsPrevious[previous],
                   tc = &_tanhCells[t * stateSize], dOut = &outputGradient[t * stateSize], dh = _dHidden, dc = _dCell)
            {
                switch (_width)
                {
                    case KernelWidth.Vector512: BackwardCells<Simd512, Vector512<float>>(g, cp, tc, dOut, dh, dc, da, batch); break;
                    case KernelWidth.Vector256: BackwardCells<Simd256, Vector256<float>>(g, cp, tc, dOut, dh, dc, da, batch); break;
                    default: BackwardCells<SimdScalar, float>(g, cp, tc, dOut, dh, dc, da, batch); break;
                }
            }
            if (t > 0)
            {
                MatrixProduct.Multiply(_dGates.AsSpan(t * batch * h4, batch * h4), h4, 1, _parameters.WeightHh, _hiddenSize, _dHidden, _hiddenSize, batch, _hiddenSize, h4, accumulate: false, _width);
            }
        }

        // Weight gradients over all steps at once. h_{−1} = 0, so step 0 adds nothing to dW_hh.
        MatrixProduct.Multiply(_dGates.AsSpan(batch * h4), 1, h4, Output, _hiddenSize, gradients.WeightHh, _hiddenSize, h4, _hiddenSize, (_steps - 1) * batch, accumulate: true, _width);
        if (_repeatedInput)
        {
            // x_t = z for every t, so Σ_t daᵀ·z = (Σ_t da)ᵀ·z and dz = (Σ_t da)·W_ih.
            var sum = _dGatesSum.AsSpan(0, batch * h4);
            _dGates.AsSpan(0, batch * h4).CopyTo(sum);
            for (int t = 1; t < _steps; t++) Elementwise.Add(_dGates.AsSpan(t * batch * h4, batch * h4), sum);
            MatrixProduct.Multiply(sum, 1, h4, _input, _inputSize, gradients.WeightIh, _inputSize, h4, _inputSize, batch, accumulate: true, _width);
            if (computeInputGradient)
            {
                MatrixProduct.Multiply(sum, h4, 1, _parameters.WeightIh, _inputSize, InputGradient, _inputSize, batch, _inputSize, h4, accumulate: false, _width);
            }
            Elementwise.AddRows(sum, batch, h4, gradients.BiasIh, gradients.BiasHh);
        }
        else
        {
            int rows = _steps * batch;
            MatrixProduct.Multiply(_dGates, 1, h4, _input, _inputSize, gradients.WeightIh, _inputSize, h4, _inputSize, rows, accumulate: true, _width);
            if (computeInputGradient)
            {
                MatrixProduct.Multiply(_dGates, h4, 1, _parameters.WeightIh, _inputSize, InputGradient, _inputSize, rows, _inputSize, h4, accumulate: false, _width);
            }
            Elementwise.AddRows(_dGates.AsSpan(0, rows * h4), rows, h4, gradients.BiasIh, gradients.BiasHh);
        }
    }

    /// <summary>One step for <paramref name="batch"/> sequences: activates the raw gates a [B, 4H] in place and writes c_t, tanh(c_t), h_t [B, H].</summary>
    private void ForwardCells<TWidth, TVector>(float* a, float* cPrevious, float* c, float* tanhC, float* h, int batch)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        int n = _hiddenSize;
        for (int b = 0; b < batch; b++, a += 4 * n, cPrevious += n, c += n, tanhC += n, h += n)
        {
            float* aI = a, aF = a + n, aG = a + 2 * n, aO = a + 3 * n;
            int j = 0;
            for (; j + TWidth.Count <= n; j += TWidth.Count)
            {
                var i = Activations.Sigmoid<TWidth, TVector>(TWidth.Load(ref *aI, j));
                var f = Activations.Sigmoid<TWidth, TVector>(TWidth.Load(ref *aF, j));
                var g = Activations.Tanh<TWidth, TVector>(TWidth.Load(ref *aG, j));
                var o = Activations.Sigmoid<TWidth, TVector>(TWidth.Load(ref *aO, j));
                var cell = TWidth.Add(TWidth.Multiply(f, TWidth.Load(ref *cPrevious, j)), TWidth.Multiply(i, g));
                var tc = Activations.Tanh<TWidth, TVector>(cell);
                TWidth.Store(i, ref *aI, j);
                TWidth.Store(f, ref *aF, j);
                TWidth.Store(g, ref *aG, j);
                TWidth.Store(o, ref *aO, j);
                TWidth.Store(cell, ref *c, j);
                TWidth.Store(tc, ref *tanhC, j);
                TWidth.Store(TWidth.Multiply(o, tc), ref *h, j);
            }
            for (; j < n; j++)
            {
                float i = Activations.Sigmoid(aI[j]);
                float f = Activations.Sigmoid(aF[j]);
                float g = Activations.Tanh(aG[j]);
                float o = Activations.Sigmoid(aO[j]);
                float cell = f * cPrevious[j] + i * g;
                float tc = Activations.Tanh(cell);
                aI[j] = i; aF[j] = f; aG[j] = g; aO[j] = o;
                c[j] = cell;
                tanhC[j] = tc;
                h[j] = o * tc;
            }
        }
    }

    /// <summary>One step backwards for <paramref name="batch"/> sequences: reads dOut + dh and dc [B, H], writes da [B, 4H] and the new dc (dc_{t−1}).</summary>
    private void BackwardCells<TWidth, TVector>(float* gates, float* cPrevious, float* tanhC, float* dOut, float* dHidden, float* dCell, float* da, int batch)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        int n = _hiddenSize;
        var one = TWidth.Create(1f);
        for (int b = 0; b < batch; b++, gates += 4 * n, da += 4 * n, cPrevious += n, tanhC += n, dOut += n, dHidden += n, dCell += n)
        {
            float* gI = gates, gF = gates + n, gG = gates + 2 * n, gO = gates + 3 * n;
            float* daI = da, daF = da + n, daG = da + 2 * n, daO = da + 3 * n;
            int j = 0;
            for (; j + TWidth.Count <= n; j += TWidth.Count)
            {
                var i = TWidth.Load(ref *gI, j);
                var f = TWidth.Load(ref *gF, j);
                var g = TWidth.Load(ref *gG, j);
                var o = TWidth.Load(ref *gO, j);
                var tc = TWidth.Load(ref *tanhC, j);
                var dh = TWidth.Add(TWidth.Load(ref *dOut, j), TWidth.Load(ref *dHidden, j));
                // Products left to right as written in the formulas, as the scalar tail below computes them.
                var dct = TWidth.Add(TWidth.Load(ref *dCell, j), TWidth.Multiply(TWidth.Multiply(dh, o), TWidth.Subtract(one, TWidth.Multiply(tc, tc))));
                TWidth.Store(TWidth.Multiply(TWidth.Multiply(TWidth.Multiply(dct, i), g), TWidth.Subtract(one, i)), ref *daI, j);
                TWidth.Store(TWidth.Multiply(TWidth.Multiply(TWidth.Multiply(dct, TWidth.Load(ref *cPrevious, j)), f), TWidth.Subtract(one, f)), ref *daF, j);
                TWidth.Store(TWidth.Multiply(TWidth.Multiply(dct, i), TWidth.Subtract(one, TWidth.Multiply(g, g))), ref *daG, j);
                TWidth.Store(TWidth.Multiply(TWidth.Multiply(TWidth.Multiply(dh, tc), o), TWidth.Subtract(one, o)), ref *daO, j);
                TWidth.Store(TWidth.Multiply(dct, f), ref *dCell, j);
            }
            for (; j < n; j++)
            {
                float i = gI[j], f = gF[j], g = gG[j], o = gO[j];
                float tc = tanhC[j];
                float dh = dOut[j] + dHidden[j];
                float dct = dCell[j] + dh * o * (1f - tc * tc);
                daI[j] = dct * i * g * (1f - i);
                daF[j] = dct * cPrevious[j] * f * (1f - f);
                daG[j] = dct * i * (1f - g * g);
                daO[j] = dh * tc * o * (1f - o);
                dCell[j] = dct * f;
            }
        }
    }
}
