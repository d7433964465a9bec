using EcgStream.Model.Parameters;

namespace EcgStream.Model.Training;

/// <summary>
/// Trains an autoencoder's parameters in place with full back-propagation through time and Adam.
/// A mini-batch is cut into shards of <see cref="TrainingOptions.ShardSize"/> beats; worker threads compute shard
/// gradients in parallel and the shard gradients are summed in shard order, so for given options and data the
/// result is the same whatever the thread count or scheduling. Not safe for concurrent calls.
/// </summary>
public sealed class AutoencoderTrainer
{
    private readonly TrainingOptions _options;
    private readonly ClippedAdam _adam;
    private readonly ShuffledEpoch _epoch;
    private readonly ShardRunner<AutoencoderParameters> _shards;

    // One network per worker; the batch gradient.
    private readonly AutoencoderNetwork?[] _networks;
    private readonly AutoencoderParameters _gradients;

    /// <summary>Prepares to train <paramref name="parameters"/> (updated in place) with <paramref name="options"/>.</summary>
    public AutoencoderTrainer(AutoencoderParameters parameters, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Parameters = parameters;
        _options = options;
        _adam = new ClippedAdam(parameters.Tensors(), options.LearningRate, options.WeightDecay, options.ClipNorm);
        _epoch = new ShuffledEpoch(options.Seed);
        _shards = new ShardRunner<AutoencoderParameters>(options.Threads, options.ShardSize, () => new AutoencoderParameters(parameters.Shape), g => g.Tensors());
        _networks = new AutoencoderNetwork?[options.Threads];
        _gradients = new AutoencoderParameters(parameters.Shape);
    }

    /// <summary>The parameters being trained (the instance passed in).</summary>
    public AutoencoderParameters Parameters { get; }

    /// <summary>Adam's learning rate for the next steps (starts at <see cref="TrainingOptions.LearningRate"/>); a schedule may lower it.</summary>
    public double LearningRate
    {
        get => _adam.LearningRate;
        set => _adam.LearningRate = value;
    }

    /// <summary>Adam steps taken so far.</summary>
    public int StepCount => _adam.StepCount;

    /// <summary>
    /// One pass over <paramref name="count"/> beats ([count, T·F], beat-major) in a shuffled order drawn from the seed's
    /// random stream, one Adam step per mini-batch (the last one may be smaller). Returns the mean per-beat loss before each step
    /// (the batch losses weighted by batch size).
    /// </summary>
    public float TrainEpoch(ReadOnlySpan<float> beats, int count)
    {
        int beatLength = CheckBeats(beats, count);
        return _epoch.Run(beats, [], count, beatLength, _options.BatchSize, (batch, _, n) => TrainBatch(batch, n));
    }

    /// <summary>
    /// One training step on exactly these beats: gradient of the loss, clipping by global norm when
    /// <see cref="TrainingOptions.ClipNorm"/> is set, one Adam step. Returns the loss before the step.
    /// </summary>
    public float TrainBatch(ReadOnlySpan<float> beats, int count)
    {
        float loss = ComputeGradients(beats, count, _gradients);
        _adam.Step(_gradients.Tensors());
        return loss;
    }

    /// <summary>The loss of <paramref name="count"/> beats (see <see cref="TrainingLoss"/>) with no gradient: a validation loss.</summary>
    public float ComputeLoss(ReadOnlySpan<float> beats, int count)
    {
        CheckBeats(beats, count);
        return (float)(Run(beats, count, computeGradients: false, gradients: null) / Normaliser(count));
    }

    /// <summary>
    /// Overwrites <paramref name="gradients"/> with ∂L/∂θ of the loss of these <paramref name="count"/> beats and returns the loss.
    /// Parameters are not changed.
    /// </summary>
    public float ComputeGradients(ReadOnlySpan<float> beats, int count, AutoencoderParameters gradients)
    {
        CheckBeats(beats, count);
        ArgumentNullException.ThrowIfNull(gradients);
        if (gradients.Shape != Parameters.Shape) throw new ArgumentException("Gradients must have the parameters' shape.", nameof(gradients));
        foreach (var tensor in gradients.Tensors()) Array.Clear(tensor.Data);
        return (float)(Run(beats, count, computeGradients: true, gradients) / Normaliser(count));
    }

    /// <summary>Reconstructions [count, T·F] of <paramref name="count"/> beats by the training forward pass (for parity tests).</summary>
    internal void Reconstruct(ReadOnlySpan<float> beats, int count, Span<float> reconstructions)
    {
        int beatLength = CheckBeats(beats, count);
        for (int start = 0; start < count; start += _options.ShardSize)
        {
            int n = Math.Min(_options.ShardSize, count - start);
            var network = Network(0);
            network.Forward(beats.Slice(start * beatLength, n * beatLength), n);
            network.CopyReconstruction(reconstructions.Slice(start * beatLength, n * beatLength));
        }
    }

    /// <summary>
    /// The summed loss (Σ over shards of LossSum, in shard order) and, when <paramref name="computeGradients"/>, the shard
    /// gradients, scaled for the whole batch, added into <paramref name="gradients"/> in shard order (see <see cref="ShardRunner{TGradients}"/>).
    /// </summary>
    private unsafe double Run(ReadOnlySpan<float> beats, int count, bool computeGradients, AutoencoderParameters? gradients)
    {
        int beatLength = Parameters.Shape.BeatLength;
        float scale = (float)(1.0 / Normaliser(count));
        fixed (float* pointer = beats)
        {
            // A span cannot be captured by the shard body; the pinned pointer can.
            float* basePointer = pointer;
            return _shards.Run(count, computeGradients ? gradients : null, (worker, start, n, shardGradients) =>
            {
                var network = Network(worker);
                network.Forward(new ReadOnlySpan<float>(basePointer + (long)start * beatLength, n * beatLength), n);
                double loss = network.LossSum(_options.Loss);
                if (shardGradients is not null) network.Backward(_options.Loss, scale, shardGradients);
                return loss;
            });
        }
    }

    private AutoencoderNetwork Network(int worker) =>
        _networks[worker] ??= new AutoencoderNetwork(Parameters, _options.ShardSize, _options.Width);

    private double Normaliser(int count) => ReconstructionLoss.Normaliser(_options.Loss, count, Parameters.Shape.BeatLength);

    private int CheckBeats(ReadOnlySpan<float> beats, int count) => BeatSpans.Check(beats, count, Parameters.Shape.BeatLength);
}
