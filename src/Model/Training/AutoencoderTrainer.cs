using EcgStream.Model.Layers;
using EcgStream.Model.Optim;
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
    private readonly Adam _adam;
    private readonly Random _shuffle;

    // One network and one shard-gradient buffer per worker; the batch gradient; the gathered mini-batch of an epoch.
    private readonly AutoencoderNetwork?[] _networks;
    private readonly AutoencoderParameters?[] _shardGradients;
    private readonly AutoencoderParameters _gradients;
    private readonly double[] _shardLosses;
    private float[] _batchBeats = [];
    private int[] _order = [];

    /// <summary>Prepares to train <paramref name="parameters"/> (updated in place) with <paramref name="options"/>.</summary>
    public AutoencoderTrainer(AutoencoderParameters parameters, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Parameters = parameters;
        _options = options;
        _adam = new Adam(parameters, new AdamOptions { LearningRate = options.LearningRate, WeightDecay = options.WeightDecay });
        _shuffle = new Random(options.Seed);
        _networks = new AutoencoderNetwork?[options.Threads];
        _shardGradients = new AutoencoderParameters?[options.Threads];
        _shardLosses = new double[options.Threads];
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
        if (_order.Length != count) _order = new int[count];
        for (int i = 0; i < count; i++) _order[i] = i;
        _shuffle.Shuffle(_order);

        int batchSize = Math.Min(_options.BatchSize, count);
        if (_batchBeats.Length < batchSize * beatLength) _batchBeats = new float[batchSize * beatLength];
        double weighted = 0;
        for (int start = 0; start < count; start += batchSize)
        {
            int n = Math.Min(batchSize, count - start);
            for (int i = 0; i < n; i++) beats.Slice(_order[start + i] * beatLength, beatLength).CopyTo(_batchBeats.AsSpan(i * beatLength));
            weighted += (double)TrainBatch(_batchBeats.AsSpan(0, n * beatLength), n) * n;
        }
        return (float)(weighted / count);
    }

    /// <summary>
    /// One training step on exactly these beats: gradient of the loss, clipping by global norm when
    /// <see cref="TrainingOptions.ClipNorm"/> is set, one Adam step. Returns the loss before the step.
    /// </summary>
    public float TrainBatch(ReadOnlySpan<float> beats, int count)
    {
        float loss = ComputeGradients(beats, count, _gradients);
        if (_options.ClipNorm > 0) GradientClipping.ClipByGlobalNorm(_gradients, _options.ClipNorm);
        _adam.Step(_gradients);
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
    /// Runs shards in waves of one shard per worker; returns the summed loss (Σ over shards of LossSum, in shard order) and,
    /// when asked, adds the shard gradients, scaled for the whole batch, into <paramref name="gradients"/> in shard order.
    /// Summing in shard order makes the result independent of how shards were spread over threads.
    /// </summary>
    private unsafe double Run(ReadOnlySpan<float> beats, int count, bool computeGradients, AutoencoderParameters? gradients)
    {
        int beatLength = Parameters.Shape.BeatLength;
        int shardSize = _options.ShardSize;
        int shards = (count + shardSize - 1) / shardSize;
        float scale = (float)(1.0 / Normaliser(count));
        double loss = 0;
        fixed (float* pointer = beats)
        {
            // A span cannot be captured by the parallel lambda; the pinned pointer can.
            float* basePointer = pointer;
            for (int wave = 0; wave < shards; wave += _options.Threads)
            {
                int inWave = Math.Min(_options.Threads, shards - wave);
                Parallel.For(0, inWave, new ParallelOptions { MaxDegreeOfParallelism = _options.Threads }, worker =>
                {
                    int start = (wave + worker) * shardSize;
                    int n = Math.Min(shardSize, count - start);
                    var network = Network(worker);
                    network.Forward(new ReadOnlySpan<float>(basePointer + (long)start * beatLength, n * beatLength), n);
                    _shardLosses[worker] = network.LossSum(_options.Loss);
                    if (!computeGradients) return;
                    var shardGradients = _shardGradients[worker] ??= new AutoencoderParameters(Parameters.Shape);
                    foreach (var tensor in shardGradients.Tensors()) Array.Clear(tensor.Data);
                    network.Backward(_options.Loss, scale, shardGradients);
                });
                for (int worker = 0; worker < inWave; worker++)
                {
                    loss += _shardLosses[worker];
                    if (!computeGradients) continue;
                    var from = _shardGradients[worker]!.Tensors();
                    var to = gradients!.Tensors();
                    for (int i = 0; i < from.Count; i++) Elementwise.Add(from[i].Data, to[i].Data);
                }
            }
        }
        return loss;
    }

    private AutoencoderNetwork Network(int worker) =>
        _networks[worker] ??= new AutoencoderNetwork(Parameters, _options.ShardSize, _options.Width);

    /// <summary>What the summed loss is divided by: B for L1 (per-beat sum, averaged over beats), B·T·F for MSE (mean over elements).</summary>
    private double Normaliser(int count) =>
        _options.Loss == TrainingLoss.L1 ? count : (double)count * Parameters.Shape.BeatLength;

    private int CheckBeats(ReadOnlySpan<float> beats, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int beatLength = Parameters.Shape.BeatLength;
        if (beats.Length < (long)count * beatLength)
        {
            throw new ArgumentException($"{count} beats need {(long)count * beatLength} values; got {beats.Length}.", nameof(beats));
        }
        return beatLength;
    }
}
