using EcgStream.Model.Kernels;

namespace EcgStream.Model.Training;

/// <summary>How the autoencoder trainers (<see cref="AutoencoderTrainerBase{TParameters}"/>) train: loss, Adam settings, batching, clipping, threads and seed.</summary>
public sealed class TrainingOptions
{
    /// <summary>The loss. The default is <see cref="TrainingLoss.L1"/>.</summary>
    public TrainingLoss Loss { get; init; } = TrainingLoss.L1;

    /// <summary>Adam's learning rate. The default is 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam's L2 weight decay (added to the gradient, as torch.optim.Adam). The default is 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Beats per mini-batch in <see cref="AutoencoderTrainerBase{TParameters}.TrainEpoch"/>. The default is 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Largest global L2 norm of the gradient (torch.nn.utils.clip_grad_norm_); 0 turns clipping off. The default is 0.</summary>
    public double ClipNorm { get; init; }

    /// <summary>Threads working on one mini-batch. The default is the number of processors.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Beats per shard: a mini-batch is cut into shards of this many beats, each shard's gradient is computed on its own
    /// and the shard gradients are summed in shard order, so results depend on this value but not on
    /// <see cref="Threads"/> or scheduling. The default is 16.
    /// </summary>
    public int ShardSize { get; init; } = 16;

    /// <summary>Seed of the epoch shuffles. The default is 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The vector width of the training kernels. The default is <see cref="VectorMath.PreferredWidth"/>; results differ
    /// between widths in the last bits (summation order), so a run is reproducible at one width.
    /// </summary>
    public KernelWidth Width { get; init; } = VectorMath.PreferredWidth;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Loss)) throw new ArgumentOutOfRangeException(nameof(Loss), Loss, "Unknown loss.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Must be positive and finite.");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Must be zero or positive and finite.");
        if (!(ClipNorm >= 0) || double.IsInfinity(ClipNorm)) throw new ArgumentOutOfRangeException(nameof(ClipNorm), ClipNorm, "Must be zero (off) or positive and finite.");
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShardSize, 1, nameof(ShardSize));
        if (!Enum.IsDefined(Width)) throw new ArgumentOutOfRangeException(nameof(Width), Width, "Unknown kernel width.");
    }
}
