namespace EcgStream.Model.Inference;

/// <summary>
/// Scores batches of beats with a loaded autoencoder. Implementations (CPU, CUDA) are safe to call from several
/// threads at once and allocate nothing per batch in steady state.
/// </summary>
public interface IInferenceEngine : IDisposable
{
    /// <summary>The sizes of the loaded model.</summary>
    AutoencoderShape Shape { get; }

    /// <summary>Where the engine runs, for logs and metrics: "cpu" or "cuda:0".</summary>
    string Device { get; }

    /// <summary>
    /// Reconstructs <paramref name="count"/> beats and writes one error per beat.
    /// </summary>
    /// <param name="beats">[count, SequenceLength · Features], row-major, already normalised as the model expects.</param>
    /// <param name="count">Number of beats; 0 is allowed and does nothing.</param>
    /// <param name="metric">How each beat's error is reduced to one number.</param>
    /// <param name="errors">[count] destination for the per-beat errors.</param>
    /// <param name="reconstructions">Empty, or [count, SequenceLength · Features] destination for the reconstructions.</param>
    void Score(ReadOnlySpan<float> beats, int count, ErrorMetric metric, Span<float> errors, Span<float> reconstructions = default);
}
