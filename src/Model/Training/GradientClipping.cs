using EcgStream.Model.Parameters;

namespace EcgStream.Model.Training;

/// <summary>Clipping of the whole gradient by its global L2 norm, as torch.nn.utils.clip_grad_norm_.</summary>
public static class GradientClipping
{
    /// <summary>
    /// ‖g‖ = √(Σ over every tensor and element g²); when ‖g‖ > <paramref name="maxNorm"/>, every element is multiplied by
    /// maxNorm / (‖g‖ + 1e-6) (PyTorch's formula, ε included). Returns ‖g‖ before clipping.
    /// </summary>
    public static double ClipByGlobalNorm(AutoencoderParameters gradients, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        return ClipByGlobalNorm(gradients.Tensors(), maxNorm);
    }

    /// <summary>As <see cref="ClipByGlobalNorm(AutoencoderParameters, double)"/>, for any list of gradient tensors (clipped in place).</summary>
    public static double ClipByGlobalNorm(IReadOnlyList<NamedTensor> gradients, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "Must be positive.");
        double sumOfSquares = 0;
        foreach (var tensor in gradients)
        {
            foreach (float value in tensor.Data) sumOfSquares += (double)value * value;
        }
        double norm = Math.Sqrt(sumOfSquares);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1)
        {
            float scale = (float)coefficient;
            foreach (var tensor in gradients)
            {
                float[] data = tensor.Data;
                for (int i = 0; i < data.Length; i++) data[i] *= scale;
            }
        }
        return norm;
    }
}
