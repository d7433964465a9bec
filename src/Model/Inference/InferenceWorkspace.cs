namespace EcgStream.Model.Inference;

/// <summary>
/// Scratch for one forward pass over a chunk of up to <see cref="MaxBeats"/> beats. Sequences are stored time-major,
/// [T][beats][H_p], so the rows of one time step are contiguous: the recurrent product reads h_{t−1} as one block and
/// the input projection of a run of steps is one matrix product over consecutive rows.
/// </summary>
internal sealed class InferenceWorkspace
{
    /// <summary>Allocates every buffer once for the engine's layer sizes.</summary>
    public InferenceWorkspace(int maxBeats, int sequenceLength, int features, int maxPaddedHidden, int gateBlockFloats, int decoderGateColumns)
    {
        MaxBeats = maxBeats;
        Input = new float[(long)sequenceLength * maxBeats * features];
        Gates = new float[gateBlockFloats];
        SequenceA = new float[(long)sequenceLength * maxBeats * maxPaddedHidden];
        SequenceB = new float[(long)sequenceLength * maxBeats * maxPaddedHidden];
        Cell = new float[maxBeats * maxPaddedHidden];
        EmbeddingGates = new float[maxBeats * decoderGateColumns];
    }

    /// <summary>The most beats one pass takes.</summary>
    public int MaxBeats { get; }

    /// <summary>[T][beats][F]: the chunk's samples, transposed to time-major.</summary>
    public float[] Input { get; }

    /// <summary>[steps in a block][beats][4·H_p], as many steps as fit: x_t·W_ihᵀ + b for a block of steps of the current layer.</summary>
    public float[] Gates { get; }

    /// <summary>[T][beats][H_p]: the output sequence of encoder 1, then of decoder 1.</summary>
    public float[] SequenceA { get; }

    /// <summary>[T][beats][H_p]: the output sequence of encoder 2, then of decoder 2.</summary>
    public float[] SequenceB { get; }

    /// <summary>[beats][H_p]: the current layer's cell state c.</summary>
    public float[] Cell { get; }

    /// <summary>[beats][4·E_p]: z·W_ihᵀ + b of decoder 1, the same for every step.</summary>
    public float[] EmbeddingGates { get; }
}
