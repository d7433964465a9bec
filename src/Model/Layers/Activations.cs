using System.Runtime.CompilerServices;
using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Layers;

/// <summary>
/// The training LSTM's activations, for one value and per lane at any width. They use the runtime's exp and a true
/// division (not the kernels' faster gate forms), so training keeps the accuracy its PyTorch parity tests expect.
/// </summary>
internal static class Activations
{
    /// <summary>σ(x) = 1 / (1 + e^(−x)).</summary>
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <summary>σ(x) = 1 / (1 + e^(−x)) per lane; e^(−x) = ∞ for very negative x gives exactly 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Sigmoid<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        var one = TWidth.Create(1f);
        return TWidth.Divide(one, TWidth.Add(one, TWidth.Exp(TWidth.Subtract(default, x))));
    }

    /// <summary>tanh(x).</summary>
    public static float Tanh(float x) => MathF.Tanh(x);

    /// <summary>tanh(x) = 1 − 2 / (e^(2x) + 1) per lane; saturates cleanly at ±1 when e^(2x) overflows or vanishes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Tanh<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct
    {
        var one = TWidth.Create(1f);
        return TWidth.Subtract(one, TWidth.Divide(TWidth.Create(2f), TWidth.Add(TWidth.Exp(TWidth.Add(x, x)), one)));
    }
}
