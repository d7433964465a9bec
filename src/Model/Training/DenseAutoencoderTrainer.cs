using EcgStream.Model.Parameters;

namespace EcgStream.Model.Training;

/// <summary>
/// Trains a dense autoencoder's parameters in place with back-propagation and Adam, with the same losses, batching,
/// clipping and shuffling as <see cref="AutoencoderTrainer"/>. A mini-batch is run in shards of
/// <see cref="TrainingOptions.ShardSize"/> beats on the calling thread, gradients added in shard order, so results
/// are deterministic; <see cref="TrainingOptions.Threads"/> is not used (a beat costs about 120 k multiply-adds forward
/// and backward, too little to share between cores). Not safe for concurrent calls.
/// </summary>
public sealed class DenseAutoencoderTrainer
{
    private readonly TrainingOptions _options;
    private readonly ClippedAdam _adam;
    private readonly ShuffledEpoch _epoch;
    private readonly DenseAutoencoderNetwork _network;

    // The batch gradient.
    private readonly DenseAutoencoderParameters _gradients;

    /// <summary>Prepares to train <paramref name="parameters"/> (updated in place) with <paramref name="options"/>.</summary>
    public DenseAutoencoderTrainer(DenseAutoencoderParameters parameters, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Parameters = parameters;
        _options = options;
        _adam = new ClippedAdam(parameters.Tensors(), options.LearningRate, options.WeightDecay, options.ClipNorm);
        _epoch = new ShuffledEpoch(options.Seed);
        _network = new DenseAutoencoderNetwork(parameters, options.ShardSize, options.Width);
        _gradients = new DenseAutoencoderParameters(parameters.Sizes);
    }

    /// <summary>The parameters being trained (the instance passed in).</summary>
    public DenseAutoencoderParameters Parameters { get; }

    /// <summary>Adam's learning rate for the next steps; a schedule may lower it.</summary>
    public double LearningRate
    {
        get => _adam.LearningRate;
        set => _adam.LearningRate = value;
    }

    /// <summary>Adam steps taken so far.</summary>
    public int StepCount => _adam.StepCount;

    /// <summary>
    /// One pass over <paramref name="count"/> beats ([count, L]) in a shuffled order drawn from the seed's random stream,
    /// one Adam step per mini-batch. Returns the mean per-beat loss before each step (batch losses weighted by batch size).
    /// </summary>
    public float TrainEpoch(ReadOnlySpan<float> beats, int count)
    {
        int beatLength = CheckBeats(beats, count);
        return _epoch.Run(beats, [], count, beatLength, _options.BatchSize, (batch, _, n) => TrainBatch(batch, n));
    }

    /// <summary>One step on exactly these beats: gradient, clipping when <see cref="TrainingOptions.ClipNorm"/> is set, Adam. Returns the loss before the step.</summary>
    public float TrainBatch(ReadOnlySpan<float> beats, int count)
    {
        float loss = ComputeGradients(beats, count, _gradients);
        _adam.Step(_gradients.Tensors());
        return loss;
    }

    /// <summary>The loss of <paramref name="count"/> beats with no gradient: a validation loss.</summary>
    public float ComputeLoss(ReadOnlySpan<float> beats, int count)
    {
        CheckBeats(beats, count);
        return (float)(Run(beats, count, gradients: null) / Normaliser(count));
    }

    /// <summary>Overwrites <paramref name="gradients"/> with ∂L/∂θ of these beats' loss and returns the loss. Parameters are not changed.</summary>
    public float ComputeGradients(ReadOnlySpan<float> beats, int count, DenseAutoencoderParameters gradients)
    {
        CheckBeats(beats, count);
        ArgumentNullException.ThrowIfNull(gradients);
        if (!gradients.Sizes.SequenceEqual(Parameters.Sizes)) throw new ArgumentException("Gradients must have the parameters' sizes.", nameof(gradients));
        foreach (var tensor in gradients.Tensors()) Array.Clear(tensor.Data);
        return (float)(Run(beats, count, gradients) / Normaliser(count));
    }

    /// <summary>Reconstructions [count, L] of <paramref name="count"/> beats by the training forward pass (for parity tests).</summary>
    internal void Reconstruct(ReadOnlySpan<float> beats, int count, Span<float> reconstructions)
    {
        int beatLength = CheckBeats(beats, count);
        for (int start = 0; start < count; start += _options.ShardSize)
        {
            int n = Math.Min(_options.ShardSize, count - start);
            _network.Forward(beats.Slice(start * beatLength, n * beatLength), n);
            _network.Reconstruction.AsSpan(0, n * beatLength).CopyTo(reconstructions.Slice(start * beatLength));
        }
    }

    /// <summary>Runs the shards in order; returns Σ LossSum and, when <paramref name="gradients"/> is given, adds the scaled gradients into it.</summary>
    private double Run(ReadOnlySpan<float> beats, int count, DenseAutoencoderParameters? gradients)
    {
        int beatLength = Parameters.BeatLength;
        float scale = (float)(1.0 / Normaliser(count));
        double loss = 0;
        for (int start = 0; start < count; start += _options.ShardSize)
        {
            int n = Math.Min(_options.ShardSize, count - start);
            _network.Forward(beats.Slice(start * beatLength, n * beatLength), n);
            loss += _network.LossSum(_options.Loss);

            // LinearLayer.Backward adds into dW and db, so the shards' gradients sum in place.
            if (gradients is not null) _network.Backward(_options.Loss, scale, gradients);
        }
        return loss;
    }

    private double Normaliser(int count) => ReconstructionLoss.Normaliser(_options.Loss, count, Parameters.BeatLength);

    private int CheckBeats(ReadOnlySpan<float> beats, int count) => BeatSpans.Check(beats, count, Parameters.BeatLength);
}
