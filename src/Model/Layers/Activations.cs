using System.Runtime.Intrinsics;

namespace EcgStream.Model.Layers;

/// <summary>The LSTM's activations, for one value and for 16 at once.</summary>
internal static class Activations
{
    /// <summary>σ(x) = 1 / (1 + e^(−x)).</summary>
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <summary>σ(x) = 1 / (1 + e^(−x)); e^(−x) = ∞ for very negative x gives exactly 0.</summary>
    public static Vector512<float> Sigmoid(Vector512<float> x) =>
        Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-x));

    /// <summary>tanh(x).</summary>
    public static float Tanh(float x) => MathF.Tanh(x);

    /// <summary>tanh(x) = 1 − 2 / (e^(2x) + 1); saturates cleanly at ±1 when e^(2x) overflows or vanishes.</summary>
    public static Vector512<float> Tanh(Vector512<float> x) =>
        Vector512<float>.One - Vector512.Create(2f) / (Vector512.Exp(x + x) + Vector512<float>.One);
}
