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

    /// <summary>
    /// Multiply-adds one beat costs the CPU engine, which computes the model's products and nothing more (one FLOP pair
    /// each, 2 FLOP): per step, 4·H·(I + H) for an LSTM layer I → H and F·H for the output layer, except decoder 1,
    /// whose input z is the same at every step, so its input projection 4·E·E is computed once per beat, not per step.
    /// <code>
    /// T · (4H(F + H) + 4E(H + E) + 4E·E + 4H(E + H) + F·H) + 4E·E
    /// </code>
    /// The activations, biases and error are left out: they are O(T·H), a fraction of a percent.
    /// </summary>
    public long MultiplyAddsPerBeat
    {
        get
        {
            long encoder1 = 4L * HiddenSize * (Features + HiddenSize);
            long encoder2 = 4L * EmbeddingSize * (HiddenSize + EmbeddingSize);
            long decoder1Recurrent = 4L * EmbeddingSize * EmbeddingSize;
            long decoder2 = 4L * HiddenSize * (EmbeddingSize + HiddenSize);
            long output = (long)Features * HiddenSize;
            return SequenceLength * (encoder1 + encoder2 + decoder1Recurrent + decoder2 + output) + 4L * EmbeddingSize * EmbeddingSize;
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless every size is positive.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SequenceLength, 1, nameof(SequenceLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(Features, 1, nameof(Features));
        ArgumentOutOfRangeException.ThrowIfLessThan(EmbeddingSize, 1, nameof(EmbeddingSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(HiddenSize, 1, nameof(HiddenSize));
    }
}
