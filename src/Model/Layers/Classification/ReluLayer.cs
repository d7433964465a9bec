using System.Runtime.Intrinsics;

namespace EcgStream.Model.Layers;

/// <summary>nn.ReLU in place: y = max(x, 0); ∂y/∂x = 1 where x &gt; 0, else 0 (PyTorch's choice at 0).</summary>
internal static unsafe class ReluLayer
{
    /// <summary>values ← max(values, 0).</summary>
    public static void Forward(Span<float> values)
    {
        fixed (float* v = values)
        {
            int i = 0;
            for (; i + 16 <= values.Length; i += 16) Vector512.Store(Vector512.Max(Vector512.Load(v + i), Vector512<float>.Zero), v + i);
            for (; i < values.Length; i++) v[i] = MathF.Max(v[i], 0f);
        }
    }

    /// <summary>gradient ← gradient where output &gt; 0, else 0 (output = y of the Forward; y &gt; 0 exactly where x &gt; 0).</summary>
    public static void Backward(ReadOnlySpan<float> output, Span<float> gradient)
    {
        fixed (float* y = output, g = gradient)
        {
            int i = 0;
            for (; i + 16 <= gradient.Length; i += 16)
            {
                var mask = Vector512.GreaterThan(Vector512.Load(y + i), Vector512<float>.Zero);
                Vector512.Store(Vector512.ConditionalSelect(mask, Vector512.Load(g + i), Vector512<float>.Zero), g + i);
            }
            for (; i < gradient.Length; i++) g[i] = y[i] > 0f ? g[i] : 0f;
        }
    }
}
