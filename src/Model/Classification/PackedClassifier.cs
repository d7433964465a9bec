using System.Runtime.Intrinsics;
using EcgStream.Model.Inference;
using EcgStream.Model.Kernels;
using EcgStream.Model.Kernels.Widths;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Classification;

/// <summary>
/// A classifier's weights copied and packed once for inference with the GEMM and LSTM kernels (<see cref="VectorMath"/>),
/// and the forward pass that uses them (<see cref="Run"/>). Immutable after construction, so any number of threads run passes
/// at once, each with its own <see cref="ClassifierWorkspace"/>.
/// </summary>
/// <remarks>
/// Convolutions read each sample from a buffer padded with p zero rows on both sides, [n, L + 2p, C_in] channels-last; the
/// k-sample window of output row (b, t) is then one contiguous run of k·C_in floats, and the whole chunk is one product with
/// overlapping rows (<see cref="VectorMath.GemmStrided"/>), no im2col. ReLU and MaxPool(2) are fused into the step that
/// moves the product to where the next layer reads it: the next convolution's padded buffer, the LSTM's time-major sequence,
/// or the global average. LSTMs run as in the autoencoder's engine: the input projection of a block of steps as one product,
/// then <see cref="VectorMath.LstmStep"/> step by step.
/// </remarks>
internal sealed unsafe class PackedClassifier
{
    /// <summary>Floats of LSTM input projection computed ahead of the recurrence (1 MiB, as the autoencoder's engine).</summary>
    private const int GateBlockFloats = 256 * 1024;

    /// <summary>Floats of convolution product computed per chunk of samples, so the chunk is still in L2 when it is pooled.</summary>
    private const int ChunkFloats = 64 * 1024;

    /// <summary>Packs <paramref name="parameters"/> (copied: later changes do not affect it) for passes of up to <paramref name="maxBeats"/> beats.</summary>
    public PackedClassifier(ClassifierParameters parameters, int maxBeats, KernelWidth width)
    {
        Length = parameters.SequenceLength;
        ClassCount = parameters.ClassCount;
        MaxBeats = maxBeats;
        int length = Length, channels = 1;
        Convolutions = new PackedConvolution[parameters.Convolutions.Length];
        Winograd = new WinogradConvolution?[Convolutions.Length];
        for (int i = 0; i < Convolutions.Length; i++)
        {
            // A layer of 32 or fewer output channels fills a 256-bit panel (4 × 8 columns) but only half a 512-bit one.
            var conv = parameters.Convolutions[i];
            var convWidth = width == KernelWidth.Vector512 && conv.OutputChannels <= 32 && Vector256.IsHardwareAccelerated
                ? KernelWidth.Vector256 : width;
            Convolutions[i] = new PackedConvolution(conv, length, ClassifierParameters.PaddingOf(conv), convWidth);
            Winograd[i] = UsesWinograd(i, conv, parameters.Recurrent.Length > 0) ? new WinogradConvolution(conv, width) : null;
            length = Convolutions[i].PooledLength;
            channels = Convolutions[i].OutputChannels;
        }
        SequenceSteps = length;
        SequenceChannels = channels;
        Recurrent = new PackedLstm[parameters.Recurrent.Length];
        int depth = channels;
        for (int i = 0; i < Recurrent.Length; i++)
        {
            Recurrent[i] = new PackedLstm(parameters.Recurrent[i], depth, width);
            depth = Recurrent[i].PaddedHidden;
        }

        // The features the Linear layer reads: h_T [n, H_p] or the average [n, C].
        FeatureStride = depth;
        Features = parameters.Output.InputSize;
        OutputWeight = (float[])parameters.Output.Weight.Clone();
        OutputBias = (float[])parameters.Output.Bias.Clone();
    }

    /// <summary>Samples per beat.</summary>
    public int Length { get; }

    /// <summary>Classes.</summary>
    public int ClassCount { get; }

    /// <summary>The most beats one pass takes.</summary>
    public int MaxBeats { get; }

    /// <summary>The convolutions, each followed by ReLU and MaxPool(2).</summary>
    public PackedConvolution[] Convolutions { get; }

    /// <summary>Per convolution, its Winograd form where it has one (k = 5, see <see cref="UsesWinograd"/>), else null.</summary>
    public WinogradConvolution?[] Winograd { get; }

    /// <summary>The LSTMs; the last is used many-to-one.</summary>
    public PackedLstm[] Recurrent { get; }

    /// <summary>Steps and channels of the LSTMs' input sequence (after the convolutions, or the beat itself).</summary>
    public int SequenceSteps { get; }

    /// <summary>Channels of the LSTMs' input sequence.</summary>
    public int SequenceChannels { get; }

    /// <summary>Floats between the feature rows of consecutive beats.</summary>
    public int FeatureStride { get; }

    /// <summary>Features the Linear layer uses (≤ <see cref="FeatureStride"/>).</summary>
    public int Features { get; }

    /// <summary>fc.weight [C, F] and fc.bias [C].</summary>
    public float[] OutputWeight { get; }

    /// <summary>fc.bias [C].</summary>
    public float[] OutputBias { get; }

    /// <summary>Allocates the buffers one pass needs.</summary>
    public ClassifierWorkspace CreateWorkspace() => new(this, GateBlockFloats);

    /// <summary>Probabilities [n, C] of <paramref name="n"/> ≤ <see cref="MaxBeats"/> beats [n, L].</summary>
    public void Run(ClassifierWorkspace ws, float* beats, int n, float* probabilities)
    {
        int steps = SequenceSteps, channels = SequenceChannels;
        if (Convolutions.Length > 0)
        {
            // Beat b goes into the first convolution's padded buffer after its p leading zero rows (one channel).
            var first = Convolutions[0];
            for (int b = 0; b < n; b++)
                new ReadOnlySpan<float>(beats + (long)b * Length, Length).CopyTo(ws.Padded[0].AsSpan(b * first.PaddedLength + first.Padding));
            for (int i = 0; i < Convolutions.Length; i++) Convolve(ws, i, n);
        }
        else
        {
            // The beat is the sequence: x_t of beat b at row t·n + b.
            var sequence = ws.Sequence;
            for (int b = 0; b < n; b++)
                for (int t = 0; t < steps; t++) sequence[t * n + b] = beats[(long)b * Length + t];
        }

        float[] features = ws.Features;
        int featureOffset = 0;
        if (Recurrent.Length > 0)
        {
            float[] input = ws.Sequence;
            int depth = channels;
            for (int i = 0; i < Recurrent.Length; i++)
            {
                float[] output = i % 2 == 0 ? ws.HiddenA : ws.HiddenB;
                RunLstm(Recurrent[i], input, depth, output, n, ws);
                input = output;
                depth = Recurrent[i].PaddedHidden;
            }
            features = input;
            featureOffset = (steps - 1) * n * depth;
        }

        // fc and softmax, row by row.
        Span<float> logits = stackalloc float[ClassCount];
        for (int b = 0; b < n; b++)
        {
            var x = features.AsSpan(featureOffset + b * FeatureStride, Features);
            for (int c = 0; c < ClassCount; c++) logits[c] = VectorMath.Dot(x, OutputWeight.AsSpan(c * Features, Features)) + OutputBias[c];
            Layers.SoftmaxCrossEntropy.Softmax(logits, new Span<float>(probabilities + (long)b * ClassCount, ClassCount));
        }
    }

    /// <summary>
    /// Whether convolution <paramref name="index"/> runs as <see cref="WinogradConvolution"/>: k = 5 with 'same' padding, and
    /// its pooled output goes on to another layer (the global average after the last convolution of conv1d keeps the
    /// direct form; no architecture has k = 5 there).
    /// </summary>
    private bool UsesWinograd(int index, Conv1dParameters conv, bool recurrent) =>
        conv.KernelSize == WinogradConvolution.KernelSize && ClassifierParameters.PaddingOf(conv) == 2
        && (index < Convolutions.Length - 1 || recurrent);

    /// <summary>Samples per chunk of convolution <paramref name="index"/>: as many as keep its scratch within ChunkFloats.</summary>
    internal int ChunkSamples(int index)
    {
        var conv = Convolutions[index];
        int floats = Winograd[index] is { } winograd
            ? conv.PooledLength * (winograd.TransformedFloatsPerPair + winograd.ProductFloatsPerPair)
            : conv.PaddedLength * conv.Weights.Columns;
        return Math.Clamp(ChunkFloats / floats, 1, MaxBeats);
    }

    /// <summary>Convolution i over the pass, in chunks of samples: product, then ReLU + MaxPool(2) into the next layer's input.</summary>
    private void Convolve(ClassifierWorkspace ws, int index, int n)
    {
        var conv = Convolutions[index];
        bool last = index == Convolutions.Length - 1;
        int columns = conv.Weights.Columns;
        int chunk = Math.Min(ChunkSamples(index), n);
        if (last && Recurrent.Length == 0) ws.Features.AsSpan(0, n * conv.OutputChannels).Clear();
        for (int b0 = 0; b0 < n; b0 += chunk)
        {
            int samples = Math.Min(chunk, n - b0);
            if (Winograd[index] is { } winograd)
            {
                // Where pooled step t of sample b goes: the next convolution's padded input, or the LSTM's time-major sequence.
                float[] destination = last ? ws.Sequence : ws.Padded[index + 1];
                long start = last ? (long)b0 * conv.OutputChannels : ((long)b0 * Convolutions[index + 1].PaddedLength + Convolutions[index + 1].Padding) * conv.OutputChannels;
                long sampleStride = last ? conv.OutputChannels : (long)Convolutions[index + 1].PaddedLength * conv.OutputChannels;
                long stepStride = last ? (long)n * conv.OutputChannels : conv.OutputChannels;
                fixed (float* padded = ws.Padded[index], transformed = ws.Transformed, products = ws.Raw, d = destination)
                {
                    winograd.ConvolvePooled(padded + (long)b0 * conv.PaddedLength * conv.InputChannels, conv.PaddedLength, samples, conv.PooledLength,
                        transformed, products, d + start, sampleStride, stepStride);
                }
                continue;
            }
            int rows = samples * conv.PaddedLength - (conv.KernelSize - 1);
            var input = ws.Padded[index].AsSpan(b0 * conv.PaddedLength * conv.InputChannels);
            VectorMath.GemmStrided(input, conv.InputChannels, rows, conv.Weights, ws.Raw);
            fixed (float* raw = ws.Raw)
            {
                for (int s = 0; s < samples; s++)
                {
                    int b = b0 + s;
                    float* sample = raw + (long)s * conv.PaddedLength * columns;
                    if (!last) PoolInto(sample, columns, conv, ws.Padded[index + 1], (b * Convolutions[index + 1].PaddedLength + Convolutions[index + 1].Padding) * conv.OutputChannels, conv.OutputChannels);
                    else if (Recurrent.Length > 0) PoolInto(sample, columns, conv, ws.Sequence, b * conv.OutputChannels, n * conv.OutputChannels);
                    else AveragePooled(sample, columns, conv, ws.Features.AsSpan(b * conv.OutputChannels, conv.OutputChannels));
                }
            }
        }
    }

    /// <summary>destination[start + t·stride + c] = max(0, raw[2t, c], raw[2t + 1, c]) for every pooled step t of one sample.</summary>
    private static void PoolInto(float* raw, int columns, PackedConvolution conv, float[] destination, int start, int stride)
    {
        int channels = conv.OutputChannels;
        fixed (float* d = destination)
        {
            for (int t = 0; t < conv.PooledLength; t++)
                ReluMax(raw + (long)2 * t * columns, raw + (long)(2 * t + 1) * columns, d + start + (long)t * stride, channels);
        }
    }

    /// <summary>destination[c] = (1/P) Σ_t max(0, raw[2t, c], raw[2t + 1, c]): the last pooling and the global average.</summary>
    private static void AveragePooled(float* raw, int columns, PackedConvolution conv, Span<float> destination)
    {
        int channels = conv.OutputChannels;
        Span<float> pooled = stackalloc float[channels];
        fixed (float* d = destination, p = pooled)
        {
            for (int t = 0; t < conv.PooledLength; t++)
            {
                ReluMax(raw + (long)2 * t * columns, raw + (long)(2 * t + 1) * columns, p, channels);
                Layers.Elementwise.Add(pooled, destination);
            }
        }
        Layers.Elementwise.Scale(destination, 1f / conv.PooledLength);
    }

    /// <summary>
    /// d[c] = max(max(a[c], b[c]), 0): MaxPool(2) of ReLU, which is ReLU of the max; at the widest accelerated width
    /// <paramref name="count"/> fills at least once.
    /// </summary>
    internal static void ReluMax(float* a, float* b, float* d, int count)
    {
        if (Vector512.IsHardwareAccelerated && count >= Vector512<float>.Count) ReluMax<Simd512, Vector512<float>>(a, b, d, count);
        else if (Vector256.IsHardwareAccelerated && count >= Vector256<float>.Count) ReluMax<Simd256, Vector256<float>>(a, b, d, count);
        else ReluMax<SimdScalar, float>(a, b, d, count);
    }

    /// <summary>ReluMax at one width: whole vectors, then the tail one float at a time.</summary>
    internal static void ReluMax<TWidth, TVector>(float* a, float* b, float* d, int count) where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        ref float pa = ref *a;
        ref float pb = ref *b;
        ref float pd = ref *d;
        var zero = TWidth.Create(0f);
        nint width = TWidth.Count, i = 0;
        for (; i <= count - width; i += width)
            TWidth.Store(TWidth.Max(zero, TWidth.Max(TWidth.Load(ref pa, i), TWidth.Load(ref pb, i))), ref pd, i);
        for (; i < count; i++) d[i] = MathF.Max(MathF.Max(a[i], b[i]), 0f);
    }

    /// <summary>One LSTM over the sequence [T, n, depth] → [T, n, H_p]: per block of steps, the input projection as one product, then the steps.</summary>
    private void RunLstm(PackedLstm layer, float[] input, int depth, float[] output, int n, ClassifierWorkspace ws)
    {
        int steps = SequenceSteps, columns = layer.InputWeights.Columns, hidden = layer.PaddedHidden;
        int block = Math.Clamp(ws.Gates.Length / (n * columns), 1, steps);
        ws.Cell.AsSpan(0, n * hidden).Clear();
        for (int start = 0; start < steps; start += block)
        {
            int count = Math.Min(block, steps - start);
            VectorMath.Gemm(input.AsSpan(start * n * depth, count * n * depth), count * n, layer.InputWeights, ws.Gates);
            for (int s = 0; s < count; s++)
            {
                int t = start + s;
                var previous = t == 0 ? ReadOnlySpan<float>.Empty : output.AsSpan((t - 1) * n * hidden, n * hidden);
                VectorMath.LstmStep(ws.Gates.AsSpan(s * n * columns, n * columns), previous, layer.RecurrentWeights,
                    ws.Cell.AsSpan(0, n * hidden), output.AsSpan(t * n * hidden, n * hidden), n);
            }
        }
    }
}
