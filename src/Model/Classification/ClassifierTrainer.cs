using EcgStream.Model.Training;

namespace EcgStream.Model.Classification;

/// <summary>
/// Trains a beat classifier's parameters in place: softmax cross-entropy (optionally class-weighted), back-propagation,
/// Adam. A mini-batch is cut into shards of <see cref="ClassifierTrainingOptions.ShardSize"/> beats; worker threads compute
/// shard gradients in parallel and they are summed in shard order, and dropout masks depend only on (seed, step, beat), so
/// for given options and data the result is the same whatever the thread count or scheduling. Not safe for concurrent calls.
/// </summary>
public sealed class ClassifierTrainer
{
    private readonly ClassifierTrainingOptions _options;
    private readonly ClippedAdam _adam;
    private readonly ShuffledEpoch _epoch;
    private readonly ShardRunner<ClassifierParameters> _shards;
    private readonly float[]? _classWeights;

    // One network per worker; the batch gradient.
    private readonly ClassifierNetwork?[] _networks;
    private readonly ClassifierParameters _gradients;

    /// <summary>Prepares to train <paramref name="parameters"/> (updated in place) with <paramref name="options"/>.</summary>
    public ClassifierTrainer(ClassifierParameters parameters, ClassifierTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.ClassWeights is { } weights && weights.Length != parameters.ClassCount)
        {
            throw new ArgumentOutOfRangeException(nameof(options), weights.Length, $"ClassWeights must hold {parameters.ClassCount} values, one per class.");
        }
        Parameters = parameters;
        _options = options;
        _classWeights = options.ClassWeights is null ? null : (float[])options.ClassWeights.Clone();
        _adam = new ClippedAdam(parameters.Tensors(), options.LearningRate, options.WeightDecay, options.ClipNorm);
        _epoch = new ShuffledEpoch(options.Seed);
        _shards = new ShardRunner<ClassifierParameters>(
            options.Threads, options.ShardSize, () => new ClassifierParameters(parameters.Architecture, parameters.SequenceLength, parameters.ClassCount), g => g.Tensors());
        _networks = new ClassifierNetwork?[options.Threads];
        _gradients = new ClassifierParameters(parameters.Architecture, parameters.SequenceLength, parameters.ClassCount);
    }

    /// <summary>The parameters being trained (the instance passed in).</summary>
    public ClassifierParameters Parameters { get; }

    /// <summary>Adam's learning rate for the next steps (starts at <see cref="ClassifierTrainingOptions.LearningRate"/>); a schedule may lower it.</summary>
    public double LearningRate
    {
        get => _adam.LearningRate;
        set => _adam.LearningRate = value;
    }

    /// <summary>Adam steps taken so far.</summary>
    public int StepCount => _adam.StepCount;

    /// <summary>
    /// One pass over <paramref name="count"/> beats ([count, L], beat-major, already normalised) with their class indexes
    /// (0 .. ClassCount−1), in a shuffled order drawn from the seed's random stream, one Adam step per mini-batch (the last
    /// one may be smaller), dropout on. Returns the mean of the mini-batches' (class-weighted) cross-entropies before each
    /// step, weighted by batch size.
    /// </summary>
    public float TrainEpoch(ReadOnlySpan<float> beats, ReadOnlySpan<int> labels, int count)
    {
        int length = Check(beats, labels, count);
        return _epoch.Run(beats, labels, count, length, _options.BatchSize, TrainBatch);
    }

    /// <summary>
    /// One training step on exactly these beats: gradient of the loss (dropout on), clipping by global norm when
    /// <see cref="ClassifierTrainingOptions.ClipNorm"/> is set, one Adam step. Returns the loss before the step.
    /// </summary>
    public float TrainBatch(ReadOnlySpan<float> beats, ReadOnlySpan<int> labels, int count)
    {
        Check(beats, labels, count);
        ClearGradients(_gradients);
        float loss = (float)Run(beats, labels, count, training: true, gradients: _gradients, probabilities: default);
        _adam.Step(_gradients.Tensors());
        return loss;
    }

    /// <summary>The (class-weighted) mean cross-entropy of <paramref name="count"/> beats in evaluation mode (no dropout, no gradient): Σ w[y]·(−log p[y]) / Σ w[y].</summary>
    public float ComputeLoss(ReadOnlySpan<float> beats, ReadOnlySpan<int> labels, int count)
    {
        Check(beats, labels, count);
        return (float)Run(beats, labels, count, training: false, gradients: null, probabilities: default);
    }

    /// <summary>
    /// Overwrites <paramref name="gradients"/> with ∂L/∂θ of the loss of these beats and returns the loss; parameters are not changed.
    /// <paramref name="training"/> turns dropout on (masks of step <see cref="StepCount"/> + 1, as the next TrainBatch would draw).
    /// </summary>
    public float ComputeGradients(ReadOnlySpan<float> beats, ReadOnlySpan<int> labels, int count, ClassifierParameters gradients, bool training = false)
    {
        Check(beats, labels, count);
        ArgumentNullException.ThrowIfNull(gradients);
        if (!gradients.SameShape(Parameters)) throw new ArgumentException("Gradients must have the parameters' architecture and sizes.", nameof(gradients));
        ClearGradients(gradients);
        return (float)Run(beats, labels, count, training, gradients, probabilities: default);
    }

    /// <summary>Class probabilities [count, ClassCount] (softmax of the logits) in evaluation mode.</summary>
    public void Predict(ReadOnlySpan<float> beats, int count, Span<float> probabilities)
    {
        BeatSpans.Check(beats, count, Parameters.SequenceLength);
        if (probabilities.Length < (long)count * Parameters.ClassCount)
            throw new ArgumentException($"probabilities must hold {count}·{Parameters.ClassCount} values.", nameof(probabilities));
        Run(beats, [], count, training: false, gradients: null, probabilities);
    }

    /// <summary>
    /// Runs the shards (see <see cref="ShardRunner{TGradients}"/>). Returns the loss Σ w[y]·(−log p[y]) / Σ w[y] (0 when no
    /// labels), and when asked adds the shard gradients (already divided by Σ w[y]) into <paramref name="gradients"/> in shard
    /// order, and copies the probabilities out.
    /// </summary>
    /// <remarks>
    /// The networks' Forward and Backward allocate nothing, but a call is not allocation-free: the shard body is one
    /// closure and delegate per call (it captures the pinned pointers), and Parallel.For allocates per wave.
    /// </remarks>
    private unsafe double Run(ReadOnlySpan<float> beats, ReadOnlySpan<int> labels, int count, bool training, ClassifierParameters? gradients, Span<float> probabilities)
    {
        int length = Parameters.SequenceLength, classes = Parameters.ClassCount;
        bool labelled = !labels.IsEmpty;
        double weightSum = 0;
        if (labelled)
        {
            for (int i = 0; i < count; i++) weightSum += _classWeights is null ? 1.0 : _classWeights[labels[i]];
        }
        float scale = labelled ? (float)(1.0 / weightSum) : 0f;
        bool training1 = training && _options.Dropout > 0;
        ulong dropoutKey = DropoutKey(_options.Seed, _adam.StepCount + 1);
        double loss;
        fixed (float* beatsPointer = beats, probabilitiesPointer = probabilities)
        fixed (int* labelsPointer = labels)
        {
            // Spans cannot be captured by the shard body; the pinned pointers can.
            float* beatsBase = beatsPointer, probabilitiesBase = probabilitiesPointer;
            int* labelsBase = labelsPointer;
            bool copyProbabilities = !probabilities.IsEmpty;
            loss = _shards.Run(count, labelled ? gradients : null, (worker, start, n, shardGradients) =>
            {
                var network = Network(worker);
                network.Forward(new ReadOnlySpan<float>(beatsBase + (long)start * length, n * length), n, training1, refreshWeights: true, dropoutKey, start);
                if (copyProbabilities)
                {
                    network.Probabilities.AsSpan(0, n * classes).CopyTo(new Span<float>(probabilitiesBase + (long)start * classes, n * classes));
                }
                if (!labelled) return 0;
                var shardLabels = new ReadOnlySpan<int>(labelsBase + start, n);
                double shardLoss = network.LossSum(shardLabels, _classWeights);
                if (shardGradients is not null) network.Backward(shardLabels, _classWeights, scale, shardGradients);
                return shardLoss;
            });
        }
        return labelled ? loss / weightSum : 0;
    }

    private ClassifierNetwork Network(int worker) =>
        _networks[worker] ??= new ClassifierNetwork(Parameters, _options.ShardSize, _options.Dropout, _options.Width);

    /// <summary>The dropout key of one Adam step: the seed and the step mixed, so every step draws new masks.</summary>
    private static ulong DropoutKey(int seed, int step) => ((ulong)(uint)seed << 32) ^ (ulong)(uint)step ^ 0xD1B54A32D192ED03UL;

    private static void ClearGradients(ClassifierParameters gradients)
    {
        foreach (var tensor in gradients.Tensors()) Array.Clear(tensor.Data);
    }

    private int Check(ReadOnlySpan<float> beats, ReadOnlySpan<int> labels, int count)
    {
        int length = BeatSpans.Check(beats, count, Parameters.SequenceLength);
        if (labels.Length < count) throw new ArgumentException($"{count} beats need {count} labels; got {labels.Length}.", nameof(labels));
        for (int i = 0; i < count; i++)
        {
            if ((uint)labels[i] >= (uint)Parameters.ClassCount)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label {i} is not a class index 0..{Parameters.ClassCount - 1}.");
        }
        return length;
    }
}
