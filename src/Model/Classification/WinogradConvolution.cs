using System.Diagnostics;
using System.Runtime.Intrinsics;
using EcgStream.Model.Kernels;
using EcgStream.Model.Kernels.Widths;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Classification;

/// <summary>
/// A Conv1d with k = 5 followed by ReLU and MaxPool(2), for inference, by Winograd's minimal filtering F(2, 5) (Lavin and
/// Gray, "Fast Algorithms for Convolutional Neural Networks", 2016, in one dimension). The two outputs y[2τ], y[2τ+1] that
/// MaxPool(2) joins come from the six padded input steps d = x[2τ .. 2τ+5] as
/// <code>
/// y = Aᵀ·[Σ_c (G·w_c) ⊙ (Bᵀ·d_c)]        interpolation points 0, 1, −1, 2, −2, ∞
/// Bᵀ·d = (4d₀ − 5d₂ + d₄,  −4d₁ − 4d₂ + d₃ + d₄,  4d₁ − 4d₂ − d₃ + d₄,  −2d₁ − d₂ + 2d₃ + d₄,  2d₁ − d₂ − 2d₃ + d₄,  4d₁ − 5d₃ + d₅)
/// y₀ = m₀ + m₁ + m₂ + m₃ + m₄            y₁ = m₁ − m₂ + 2(m₃ − m₄) + m₅
/// </code>
/// so each pair costs six [C_in → C_out] products (one GEMM per component ξ over every pair of the chunk) instead of
/// ten: 40 % fewer multiply-adds than the direct convolution, which is most of conv1d-lstm's convolution time.
/// </summary>
/// <remarks>
/// Float32 rounding differs from the direct sum's: for 32 input channels of random data at the classifiers' scale
/// (outputs about 0.4) the largest error against a float64 reference was 9e-7, against 1.4e-7 for the direct sum. Points
/// ±½ instead of ±2 gave 6e-7 but a fractional Bᵀ; larger tiles (F(4, 5)) need 8 points and lose more accuracy, and their
/// 4 outputs would not match the pooling pairs' boundaries any better. Immutable after construction.
/// </remarks>
internal sealed unsafe class WinogradConvolution
{
    /// <summary>The kernel size this transform is for.</summary>
    public const int KernelSize = 5;

    /// <summary>Transformed components per pair of outputs: m + r − 1 = 2 + 5 − 1.</summary>
    public const int Components = 6;

    /// <summary>G [6, 5], row ξ: how the five taps combine into component ξ of the transformed filter.</summary>
    private static readonly double[,] FilterTransform =
    {
        { 1 / 4.0, 0, 0, 0, 0 },
        { -1 / 6.0, -1 / 6.0, -1 / 6.0, -1 / 6.0, -1 / 6.0 },
        { -1 / 6.0, 1 / 6.0, -1 / 6.0, 1 / 6.0, -1 / 6.0 },
        { 1 / 24.0, 1 / 12.0, 1 / 6.0, 1 / 3.0, 2 / 3.0 },
        { 1 / 24.0, -1 / 12.0, 1 / 6.0, -1 / 3.0, 2 / 3.0 },
        { 0, 0, 0, 0, 1 },
    };

    /// <summary>Transforms <paramref name="conv"/>'s weights (k must be 5) for products at <paramref name="width"/>.</summary>
    public WinogradConvolution(Conv1dParameters conv, KernelWidth width)
    {
        Debug.Assert(conv.KernelSize == KernelSize);
        InputChannels = conv.InputChannels;
        OutputChannels = conv.OutputChannels;
        Bias = (float[])conv.Bias.Clone();
        Filters = new PackedMatrix[Components];
        var filter = new float[OutputChannels * InputChannels];
        for (int xi = 0; xi < Components; xi++)
        {
            // U_ξ[o, c] = Σ_j G[ξ, j]·W[o, c, j], summed in double and rounded once.
            for (int o = 0; o < OutputChannels; o++)
            {
                for (int c = 0; c < InputChannels; c++)
                {
                    double sum = 0;
                    for (int j = 0; j < KernelSize; j++) sum += FilterTransform[xi, j] * conv.Weight[(o * InputChannels + c) * KernelSize + j];
                    filter[o * InputChannels + c] = (float)sum;
                }
            }
            Filters[xi] = PackedMatrix.Pack(filter, OutputChannels, InputChannels, default, width);
        }
    }

    /// <summary>C_in.</summary>
    public int InputChannels { get; }

    /// <summary>C_out.</summary>
    public int OutputChannels { get; }

    /// <summary>U_ξ = G·W per component, [C_out, C_in] packed, no bias.</summary>
    public PackedMatrix[] Filters { get; }

    /// <summary>The convolution's bias [C_out], added after the output transform.</summary>
    public float[] Bias { get; }

    /// <summary>Floats of the transformed input one pair of outputs needs: 6·C_in.</summary>
    public int TransformedFloatsPerPair => Components * InputChannels;

    /// <summary>Floats of the products one pair of outputs needs: 6 rows of the filters' padded columns.</summary>
    public int ProductFloatsPerPair => Components * Filters[0].Columns;

    /// <summary>
    /// Pooled outputs of <paramref name="samples"/> samples: for sample s and pair τ &lt; <paramref name="pairs"/>,
    /// destination[s·sampleStride + τ·stepStride + o] = max(0, y[2τ, o] + b[o], y[2τ+1, o] + b[o]).
    /// </summary>
    /// <param name="input">The first sample's padded channels-last input [paddedLength, C_in]; samples follow each other.</param>
    /// <param name="paddedLength">Steps per sample in <paramref name="input"/>, padding included; at least 2·pairs + 4.</param>
    /// <param name="samples">Samples in this chunk.</param>
    /// <param name="pairs">Pooled steps per sample (pairs of outputs).</param>
    /// <param name="transformed">Scratch of samples·pairs·<see cref="TransformedFloatsPerPair"/> floats.</param>
    /// <param name="products">Scratch of samples·pairs·<see cref="ProductFloatsPerPair"/> floats.</param>
    /// <param name="destination">Where the first sample's pooled step 0 goes.</param>
    /// <param name="sampleStride">Floats from one sample's pooled step 0 to the next sample's.</param>
    /// <param name="stepStride">Floats from one pooled step to the next within a sample.</param>
    public void ConvolvePooled(float* input, int paddedLength, int samples, int pairs, float* transformed, float* products,
        float* destination, long sampleStride, long stepStride)
    {
        Debug.Assert(paddedLength >= 2 * pairs + KernelSize - 1);
        switch (Filters[0].Width)
        {
            case KernelWidth.Vector512: ConvolvePooled<Simd512, Vector512<float>>(input, paddedLength, samples, pairs, transformed, products, destination, sampleStride, stepStride); break;
            case KernelWidth.Vector256: ConvolvePooled<Simd256, Vector256<float>>(input, paddedLength, samples, pairs, transformed, products, destination, sampleStride, stepStride); break;
            default: ConvolvePooled<SimdScalar, float>(input, paddedLength, samples, pairs, transformed, products, destination, sampleStride, stepStride); break;
        }
    }

    private void ConvolvePooled<TWidth, TVector>(float* input, int paddedLength, int samples, int pairs, float* transformed, float* products,
        float* destination, long sampleStride, long stepStride)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        int rows = samples * pairs, inputs = InputChannels, columns = Filters[0].Columns;
        long transformedStride = (long)rows * inputs, productStride = (long)rows * columns;

        // Bᵀ·d for every pair: row s·pairs + τ of component ξ, [C_in].
        for (int s = 0; s < samples; s++)
        {
            for (int tau = 0; tau < pairs; tau++)
            {
                float* d = input + ((long)s * paddedLength + 2 * tau) * inputs;
                float* v = transformed + (long)(s * pairs + tau) * inputs;
                int c = 0;
                for (; c <= inputs - TWidth.Count; c += TWidth.Count) TransformInput<TWidth, TVector>(d + c, inputs, v + c, transformedStride);
                for (; c < inputs; c++) TransformInput<SimdScalar, float>(d + c, inputs, v + c, transformedStride);
            }
        }

        // m_ξ = V_ξ·U_ξᵀ: one GEMM per component over every pair of the chunk.
        for (int xi = 0; xi < Components; xi++)
        {
            VectorMath.Gemm(new ReadOnlySpan<float>(transformed + xi * transformedStride, (int)transformedStride), rows, Filters[xi],
                new Span<float>(products + xi * productStride, (int)productStride));
        }

        // Aᵀ·m, bias, then ReLU and MaxPool(2) of the pair.
        fixed (float* bias = Bias)
        {
            for (int s = 0; s < samples; s++)
            {
                for (int tau = 0; tau < pairs; tau++)
                {
                    float* m = products + (long)(s * pairs + tau) * columns;
                    float* y = destination + s * sampleStride + tau * stepStride;
                    int o = 0;
                    for (; o <= OutputChannels - TWidth.Count; o += TWidth.Count) TransformOutput<TWidth, TVector>(m + o, productStride, bias + o, y + o);
                    for (; o < OutputChannels; o++) TransformOutput<SimdScalar, float>(m + o, productStride, bias + o, y + o);
                }
            }
        }
    }

    /// <summary>v[ξ·component] = (Bᵀ·d)_ξ for one vector of channels; d[l·step] is input step l.</summary>
    private static void TransformInput<TWidth, TVector>(float* d, nint step, float* v, long component)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        TVector d0 = TWidth.Load(ref *d, 0), d1 = TWidth.Load(ref *d, step), d2 = TWidth.Load(ref *d, 2 * step);
        TVector d3 = TWidth.Load(ref *d, 3 * step), d4 = TWidth.Load(ref *d, 4 * step), d5 = TWidth.Load(ref *d, 5 * step);
        TVector two = TWidth.Create(2f), four = TWidth.Create(4f), minusFive = TWidth.Create(-5f);
        // Components 1–4 share a = d₄ − 4d₂, b = d₄ − d₂, p = 4d₁ − d₃ and q = 2(d₁ − d₃): 1, 2 = a ∓ p and 3, 4 = b ∓ q.
        TVector a = TWidth.MultiplyAdd(TWidth.Create(-4f), d2, d4), b = TWidth.Subtract(d4, d2);
        TVector p = TWidth.Subtract(TWidth.Multiply(four, d1), d3), q = TWidth.Multiply(two, TWidth.Subtract(d1, d3));
        TWidth.Store(TWidth.MultiplyAdd(four, d0, TWidth.MultiplyAdd(minusFive, d2, d4)), ref *v, 0);
        TWidth.Store(TWidth.Subtract(a, p), ref *(v + component), 0);
        TWidth.Store(TWidth.Add(a, p), ref *(v + 2 * component), 0);
        TWidth.Store(TWidth.Subtract(b, q), ref *(v + 3 * component), 0);
        TWidth.Store(TWidth.Add(b, q), ref *(v + 4 * component), 0);
        TWidth.Store(TWidth.MultiplyAdd(four, d1, TWidth.MultiplyAdd(minusFive, d3, d5)), ref *(v + 5 * component), 0);
    }

    /// <summary>y = max(0, max(y₀, y₁) + b) for one vector of channels; m[ξ·component] is product ξ.</summary>
    private static void TransformOutput<TWidth, TVector>(float* m, long component, float* bias, float* y)
        where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        TVector m0 = TWidth.Load(ref *m, 0), m1 = TWidth.Load(ref *(m + component), 0), m2 = TWidth.Load(ref *(m + 2 * component), 0);
        TVector m3 = TWidth.Load(ref *(m + 3 * component), 0), m4 = TWidth.Load(ref *(m + 4 * component), 0), m5 = TWidth.Load(ref *(m + 5 * component), 0);
        TVector y0 = TWidth.Add(TWidth.Add(m0, TWidth.Add(m1, m2)), TWidth.Add(m3, m4));
        TVector y1 = TWidth.Add(TWidth.MultiplyAdd(TWidth.Create(2f), TWidth.Subtract(m3, m4), TWidth.Subtract(m1, m2)), m5);
        // max(y₀ + b, y₁ + b) = max(y₀, y₁) + b exactly (rounding is monotonic), so the bias is added once.
        TWidth.Store(TWidth.Max(TWidth.Create(0f), TWidth.Add(TWidth.Max(y0, y1), TWidth.Load(ref *bias, 0))), ref *y, 0);
    }
}
