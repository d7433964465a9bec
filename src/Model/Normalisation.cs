namespace EcgStream.Model;

/// <summary>
/// Affine normalisation applied to every sample before the model sees it: x' = (x − Mean) / Scale.
/// Fitted on training beats only and stored in the model file, so scoring applies exactly what training applied.
/// </summary>
/// <param name="Mean">Subtracted from every sample.</param>
/// <param name="Scale">Divides every sample after the mean is removed; must be positive.</param>
public sealed record Normalisation(float Mean, float Scale)
{
    /// <summary>The identity: x' = x.</summary>
    public static Normalisation None { get; } = new(0f, 1f);

    /// <summary>Normalises <paramref name="samples"/> in place.</summary>
    public void Apply(Span<float> samples)
    {
        if (this == None) return;
        float inverse = 1f / Scale;
        for (int i = 0; i < samples.Length; i++) samples[i] = (samples[i] - Mean) * inverse;
    }
}
