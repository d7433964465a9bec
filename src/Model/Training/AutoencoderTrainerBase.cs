using EcgStream.Model.Parameters;

namespace EcgStream.Model.Training;

/// <summary>
/// What the autoencoder trainers share: the parameters trained in place with Adam, mini-batches of an epoch shuffled from
/// the seed's random stream, clipping by global norm when <see cref="TrainingOptions.ClipNorm"/> is set, and the loss of
/// <see cref="TrainingOptions.Loss"/> normalised as <see cref="TrainingLoss"/> says. A subclass runs its network over the
/// shards of a batch. Not safe for concurrent calls.
/// </summary>
/// <typeparam name="TParameters">The architecture's parameter set; the same type holds the batch gradient.</typeparam>
public abstract class AutoencoderTrainerBase<TParameters>
    where TParameters : class
{
    private readonly ClippedAdam _adam;
    private readonly ShuffledEpoch _epoch;
    private readonly Func<TParameters, IReadOnlyList<NamedTensor>> _tensorsOf;

    // The batch gradient.
    private readonly TParameters _gradients;

    /// <summary>
    /// Prepares to train <paramref name="parameters"/> (updated in place) with <paramref name="options"/>.
    /// <paramref name="tensorsOf"/> gives a parameter set's live tensors in a fixed order and <paramref name="createGradients"/>
    /// a zeroed set of the same shape: delegates rather than abstract members, because the constructor needs them before the
    /// subclass is built.
    /// </summary>
    private protected AutoencoderTrainerBase(
        TParameters parameters,
        TrainingOptions options,
        Func<TParameters, IReadOnlyList<NamedTensor>> tensorsOf,
        Func<TParameters, TParameters> createGradients)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Parameters = parameters;
        Options = options;
        _tensorsOf = tensorsOf;
        _adam = new ClippedAdam(tensorsOf(parameters), options.LearningRate, options.WeightDecay, options.ClipNorm);
        _epoch = new ShuffledEpoch(options.Seed);
        _gradients = createGradients(parameters);
    }

    /// <summary>The parameters being trained (the instance passed in).</summary>
    public TParameters Parameters { get; }

    /// <summary>Adam's learning rate for the next steps (starts at <see cref="TrainingOptions.LearningRate"/>); a schedule may lower it.</summary>
    public double LearningRate
    {
        get => _adam.LearningRate;
        set => _adam.LearningRate = value;
    }

    /// <summary>Adam steps taken so far.</summary>
    public int StepCount => _adam.StepCount;

    /// <summary>The options trained with.</summary>
    private protected TrainingOptions Options { get; }

    /// <summary>Floats in one beat: the network's input and output size.</summary>
    private protected abstract int BeatLength { get; }

    /// <summary>
    /// One pass over <paramref name="count"/> beats ([count, beat length], beat-major) in a shuffled order drawn from the
    /// seed's random stream, one Adam step per mini-batch (the last one may be smaller). Returns the mean per-beat loss before
    /// each step (the batch losses weighted by batch size).
    /// </summary>
    public float TrainEpoch(ReadOnlySpan<float> beats, int count)
    {
        int beatLength = CheckBeats(beats, count);
        return _epoch.Run(beats, [], count, beatLength, Options.BatchSize, (batch, _, n) => TrainBatch(batch, n));
    }

    /// <summary>
    /// One training step on exactly these beats: gradient of the loss, clipping by global norm when
    /// <see cref="TrainingOptions.ClipNorm"/> is set, one Adam step. Returns the loss before the step.
    /// </summary>
    public float TrainBatch(ReadOnlySpan<float> beats, int count)
    {
        float loss = ComputeGradients(beats, count, _gradients);
        _adam.Step(_tensorsOf(_gradients));
        return loss;
    }

    /// <summary>The loss of <paramref name="count"/> beats (see <see cref="TrainingLoss"/>) with no gradient: a validation loss.</summary>
    public float ComputeLoss(ReadOnlySpan<float> beats, int count)
    {
        CheckBeats(beats, count);
        return (float)(RunShards(beats, count, Scale(count), gradients: null) / Normaliser(count));
    }

    /// <summary>
    /// Overwrites <paramref name="gradients"/> with ∂L/∂θ of the loss of these <paramref name="count"/> beats and returns the loss.
    /// Parameters are not changed.
    /// </summary>
    public float ComputeGradients(ReadOnlySpan<float> beats, int count, TParameters gradients)
    {
        CheckBeats(beats, count);
        ArgumentNullException.ThrowIfNull(gradients);
        if (!HasParametersShape(gradients)) throw new ArgumentException("Gradients must have the parameters' shape.", nameof(gradients));
        foreach (var tensor in _tensorsOf(gradients)) Array.Clear(tensor.Data);
        return (float)(RunShards(beats, count, Scale(count), gradients) / Normaliser(count));
    }

    /// <summary>Reconstructions [count, beat length] of <paramref name="count"/> beats by the training forward pass (for parity tests).</summary>
    internal void Reconstruct(ReadOnlySpan<float> beats, int count, Span<float> reconstructions)
    {
        int beatLength = CheckBeats(beats, count);
        for (int start = 0; start < count; start += Options.ShardSize)
        {
            int n = Math.Min(Options.ShardSize, count - start);
            ReconstructShard(beats.Slice(start * beatLength, n * beatLength), n, reconstructions.Slice(start * beatLength, n * beatLength));
        }
    }

    /// <summary>
    /// Runs the network on every shard of <paramref name="count"/> beats and returns Σ of the shards' loss sums, in shard
    /// order; when <paramref name="gradients"/> is given (zeroed), adds <paramref name="scale"/> · ∂(loss sum)/∂θ into it.
    /// </summary>
    private protected abstract double RunShards(ReadOnlySpan<float> beats, int count, float scale, TParameters? gradients);

    /// <summary>Writes the reconstructions of one shard's <paramref name="count"/> beats into <paramref name="destination"/>.</summary>
    private protected abstract void ReconstructShard(ReadOnlySpan<float> beats, int count, Span<float> destination);

    /// <summary>Whether <paramref name="gradients"/> has the shape of <see cref="Parameters"/>.</summary>
    private protected abstract bool HasParametersShape(TParameters gradients);

    // The loss sum is divided by the normaliser, so the gradients of the sum are scaled by its inverse.
    private float Scale(int count) => (float)(1.0 / Normaliser(count));

    private double Normaliser(int count) => ReconstructionLoss.Normaliser(Options.Loss, count, BeatLength);

    private int CheckBeats(ReadOnlySpan<float> beats, int count) => BeatSpans.Check(beats, count, BeatLength);
}
