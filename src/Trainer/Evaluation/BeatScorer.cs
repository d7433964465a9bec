using EcgStream.Beats.Ecg5000;
using EcgStream.Model;
using EcgStream.Model.Inference;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Evaluation;

/// <summary>
/// Scores ECG5000 beats with a model through an <see cref="IInferenceEngine"/>, applying the model's normalisation.
/// Owns the engine; every score the trainer reports comes through here.
/// </summary>
public sealed class BeatScorer : IDisposable
{
    /// <summary>Beats per engine call: large enough to keep every engine thread busy, small enough to bound the buffers.</summary>
    private const int ChunkBeats = 512;

    private readonly IInferenceEngine _engine;
    private readonly ModelMetadata _metadata;

    /// <summary>Scores with <paramref name="engine"/> (which holds the model's weights, and is disposed with this) and the model's <paramref name="metadata"/>.</summary>
    public BeatScorer(IInferenceEngine engine, ModelMetadata metadata)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
    }

    /// <summary>
    /// Creates the engine for <paramref name="device"/> (auto: CUDA when present, else the CPU) over <paramref name="model"/>'s
    /// weights. <paramref name="reason"/> is the one-line account of the choice. Throws <see cref="Model.Cuda.CudaException"/>
    /// when CUDA is demanded and missing.
    /// </summary>
    public static BeatScorer Open(IAutoencoderModel model, EngineDevice device, int threads, out string reason)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (engine, why) = InferenceEngineFactory.Create(device, model, threads);
        reason = why;
        return new BeatScorer(engine, model.Metadata);
    }

    /// <summary>Where scoring runs, e.g. "cpu" or "cuda:0".</summary>
    public string Device => _engine.Device;

    /// <summary>Releases the engine.</summary>
    public void Dispose() => _engine.Dispose();

    /// <summary>The reconstruction error of each beat, by the model's error metric.</summary>
    public float[] Score(IReadOnlyList<LabeledBeat> beats) => Score(beats, _metadata.ErrorMetric);

    /// <summary>The reconstruction error of each beat by <paramref name="metric"/>.</summary>
    public float[] Score(IReadOnlyList<LabeledBeat> beats, ErrorMetric metric)
    {
        var errors = new float[beats.Count];
        Run(beats, metric, errors, reconstructions: null);
        return errors;
    }

    /// <summary>
    /// Each beat's reconstruction, in the beats' own units (the model's normalisation undone), as [count, samples].
    /// </summary>
    public float[] Reconstruct(IReadOnlyList<LabeledBeat> beats)
    {
        var errors = new float[beats.Count];
        var reconstructions = new float[beats.Count * _engine.Shape.BeatLength];
        Run(beats, _metadata.ErrorMetric, errors, reconstructions);
        var normalisation = _metadata.Normalisation;
        for (int i = 0; i < reconstructions.Length; i++) reconstructions[i] = reconstructions[i] * normalisation.Scale + normalisation.Mean;
        return reconstructions;
    }

    private void Run(IReadOnlyList<LabeledBeat> beats, ErrorMetric metric, float[] errors, float[]? reconstructions)
    {
        int length = _engine.Shape.BeatLength;
        for (int start = 0; start < beats.Count; start += ChunkBeats)
        {
            int count = Math.Min(ChunkBeats, beats.Count - start);
            var chunk = new LabeledBeat[count];
            for (int i = 0; i < count; i++) chunk[i] = beats[start + i];
            float[] matrix = BeatMatrix.Pack(chunk, _metadata.Normalisation);
            if (matrix.Length != count * length)
            {
                throw new InvalidOperationException($"The model expects beats of {length} samples; these have {chunk[0].Samples.Length}.");
            }
            var destination = reconstructions is null ? Span<float>.Empty : reconstructions.AsSpan(start * length, count * length);
            _engine.Score(matrix, count, metric, errors.AsSpan(start, count), destination);
        }
    }
}
