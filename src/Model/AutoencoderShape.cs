namespace EcgStream.Model;

/// <summary>
/// Sizes of the LSTM autoencoder. Encoder: LSTM(Features → HiddenSize), LSTM(HiddenSize → EmbeddingSize);
/// the last hidden state of the second layer is the embedding z. Decoder: z repeated for every step →
/// LSTM(EmbeddingSize → EmbeddingSize) → LSTM(EmbeddingSize → HiddenSize) → Linear(HiddenSize → Features).
/// </summary>
/// <param name="SequenceLength">Time steps per beat (ECG5000: 140).</param>
/// <param name="Features">Values per time step (ECG5000: 1).</param>
/// <param name="EmbeddingSize">Size of the embedding z (seed: 64).</param>
/// <param name="HiddenSize">Hidden size of the outer LSTM layers (seed: 128 = 2 · EmbeddingSize).</param>
public sealed record AutoencoderShape(int SequenceLength, int Features, int EmbeddingSize, int HiddenSize)
{
    /// <summary>The seed's model: 140 steps, 1 feature, 1 → 128 → 64 → 64 → 128 → 1.</summary>
    public static AutoencoderShape Ecg5000 { get; } = new(140, 1, 64, 128);

    /// <summary>Floats in one beat: SequenceLength · Features.</summary>
    public int BeatLength => SequenceLength * Features;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless every size is positive.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SequenceLength, 1, nameof(SequenceLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(Features, 1, nameof(Features));
        ArgumentOutOfRangeException.ThrowIfLessThan(EmbeddingSize, 1, nameof(EmbeddingSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(HiddenSize, 1, nameof(HiddenSize));
    }
}
