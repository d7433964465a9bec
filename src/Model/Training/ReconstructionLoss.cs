namespace EcgStream.Model.Training;

/// <summary>The autoencoders' reconstruction loss of a batch and its gradient, as <see cref="TrainingLoss"/> defines them.</summary>
internal static class ReconstructionLoss
{
    /// <summary>Σ |x̂ − x| (L1) or Σ (x̂ − x)² (MSE) over every sample, each difference taken in float and summed in double.</summary>
    public static double Sum(ReadOnlySpan<float> reconstruction, ReadOnlySpan<float> input, TrainingLoss loss)
    {
        double sum = 0;
        for (int i = 0; i < reconstruction.Length; i++)
        {
            double d = reconstruction[i] - input[i];
            sum += loss == TrainingLoss.L1 ? Math.Abs(d) : d * d;
        }
        return sum;
    }

    /// <summary>
    /// What a batch's <see cref="Sum"/> is divided by to give its loss: B for L1 (per-beat sum, averaged over beats),
    /// B·L for MSE (mean over elements), for B = <paramref name="count"/> beats of <paramref name="beatLength"/> samples.
    /// </summary>
    public static double Normaliser(TrainingLoss loss, int count, int beatLength) =>
        loss == TrainingLoss.L1 ? count : (double)count * beatLength;

    /// <summary>
    /// <paramref name="gradient"/>[i] = <paramref name="scale"/> · ∂(Sum)/∂x̂[i]: scale·sign(x̂ − x) (sign(0) = 0) for L1,
    /// scale·2(x̂ − x) for MSE.
    /// </summary>
    public static void Gradient(ReadOnlySpan<float> reconstruction, ReadOnlySpan<float> input, TrainingLoss loss, float scale, Span<float> gradient)
    {
        for (int i = 0; i < reconstruction.Length; i++)
        {
            float d = reconstruction[i] - input[i];
            gradient[i] = loss == TrainingLoss.L1 ? scale * MathF.Sign(d) : scale * 2f * d;
        }
    }
}
